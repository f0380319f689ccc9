using System.Diagnostics;

namespace Converge.Modules.Tests.InstallPkg;

/// <summary>
/// Builds tiny real packages with <c>dpkg-deb --build</c> under a unique name
/// (<c>converge-test-pkg-RANDOM</c>) and purges that name from the machine's dpkg database afterwards.
/// </summary>
public sealed class TestDeb : IDisposable
{
    private readonly string _folder;

    public TestDeb(string folder)
    {
        _folder = Directory.CreateDirectory(Path.Combine(folder, "debs")).FullName;
        Name = "converge-test-pkg-" + Guid.NewGuid().ToString("N")[..10];
    }

    public string Name { get; }

    /// <summary>Builds <c>NAME_VERSION_all.deb</c> holding one file with <paramref name="content"/>; returns its path.</summary>
    public string Build(string version, string content, string fileName = "", string? depends = null)
    {
        var root = Path.Combine(_folder, "root-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        Directory.CreateDirectory(Path.Combine(root, "usr", "share", Name));
        File.WriteAllText(Path.Combine(root, "DEBIAN", "control"), $"""
            Package: {Name}
            Version: {version}
            Architecture: all
            {(depends is null ? string.Empty : $"Depends: {depends}\n")}Maintainer: Converge tests <tests@example.invalid>
            Description: a package built by the Converge tests

            """);
        File.WriteAllText(Path.Combine(root, "usr", "share", Name, "content"), content);
        var output = Path.Combine(_folder, fileName.Length > 0 ? fileName : $"{Name}_{version}_all-{Guid.NewGuid().ToString("N")[..4]}.deb");
        Run("dpkg-deb", "--root-owner-group", "--build", root, output);
        Directory.Delete(root, recursive: true);
        return output;
    }

    /// <summary>The installed file's content, or null when the package is not installed.</summary>
    public string? InstalledContent()
    {
        var path = Path.Combine("/usr/share", Name, "content");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public string? InstalledVersion()
    {
        var (code, stdout) = Run("dpkg-query", "-W", "-f=${db:Status-Status} ${Version}", Name);
        return code == 0 && stdout.StartsWith("installed ", StringComparison.Ordinal) ? stdout["installed ".Length..] : null;
    }

    public void Dispose()
    {
        if (Environment.UserName == "root")
        {
            // --force-depends: a test's packages may depend on each other and are disposed in any order.
            Run("dpkg", "--purge", "--force-depends", Name);
        }
    }

    private static (int Code, string Stdout) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout);
    }
}
