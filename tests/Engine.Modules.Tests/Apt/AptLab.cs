using Converge.Core.Connections;
using Converge.Lab;
using Converge.TestKit;

namespace Converge.Modules.Tests.Apt;

/// <summary>
/// Two fresh lab hosts (one for Converge, one for Ansible, for the differential test) with a small offline
/// apt repository the tests build with <c>dpkg-deb</c> and <c>dpkg-scanpackages</c> and put on the hosts
/// with Converge itself (copy + lineinfile), next to the image's own <c>file:/srv/repo</c>. The machine's own
/// dpkg is never touched.
/// </summary>
public sealed class AptLab : IAsyncLifetime
{
    public static readonly string Name = "apt-" + Guid.NewGuid().ToString("N")[..4];

    private readonly string _work = Directory.CreateTempSubdirectory("converge-apt-lab-").FullName;

    public Converge.Lab.Lab Lab { get; } = Converge.Lab.Lab.Default();

    public bool IsUp { get; private set; }

    public string Inventory => Lab.InventoryFile(Name);

    public string Work => _work;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return;
        }

        await Lab.UpAsync(new LabSpec(Name, Hosts: 2), installMissing: true, CancellationToken.None);
        IsUp = true;
        var repo = Directory.CreateDirectory(Path.Combine(_work, "repo")).FullName;
        Build(repo, "converge-apt-a", "1.0");
        Build(repo, "converge-apt-a", "1.1");
        Build(repo, "converge-apt-b", "1.0", depends: "converge-apt-c");
        Build(repo, "converge-apt-c", "1.0");
        Build(repo, "converge-apt-d", "2.0");
        Build(repo, "converge-apt-e", "1.0");
        Build(repo, "converge-apt-gone", "1.0");

        // For the version wildcard (1.2.* must pick 1.2.3, not 1.3.0) and policy_rc_d: the postinst records the
        // policy-rc.d it saw, the way invoke-rc.d would consult it while the package is configured.
        const string Seen = "#!/bin/sh\nif [ -e /usr/sbin/policy-rc.d ]; then cat /usr/sbin/policy-rc.d > /var/lib/$DPKG_MAINTSCRIPT_PACKAGE.policy; else echo none > /var/lib/$DPKG_MAINTSCRIPT_PACKAGE.policy; fi\n";
        foreach (var version in new[] { "1.2.1", "1.2.3", "1.3.0" })
        {
            Build(repo, "converge-apt-w", version, postinst: Seen);
        }

        Build(repo, "converge-apt-p", "1.0", postinst: Seen);

        // Ansible's apt module needs python3-apt on the target, which the lab image lacks: the repository carries it
        // (from the controller's Debian archive) so Ansible installs it itself, as it does on a fresh host.
        var ansibleNeeds = await Machine.RunAsync("/bin/sh", ["-c", "cd \"$1\" && apt-get download -q python3-apt python-apt-common distro-info-data", "sh", repo], CancellationToken.None, null);
        Assert.True(ansibleNeeds.Succeeded, "apt-get download python3-apt (for Ansible on the lab host): " + ansibleNeeds.Stderr);
        var packages = await Machine.RunAsync("/bin/sh", ["-c", "cd \"$1\" && dpkg-scanpackages --multiversion .", "sh", repo], CancellationToken.None, null);
        Assert.True(packages.Succeeded, packages.Stderr);
        await File.WriteAllTextAsync(Path.Combine(repo, "Packages"), packages.Stdout);
        var files = string.Join(", ", Directory.GetFiles(repo).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var setup = Path.Combine(_work, "setup.yml");
        await File.WriteAllTextAsync(setup, $$$"""
            - hosts: all
              vars:
                repo: {{{repo}}}
              tasks:
                - file: { path: /srv/testrepo, state: directory }
                - copy: { src: "{{ repo }}/{{ item }}", dest: "/srv/testrepo/{{ item }}" }
                  loop: [{{{files}}}]
                - lineinfile: { path: /etc/apt/sources.list.d/testrepo.list, line: "deb [trusted=yes] file:/srv/testrepo ./", create: true }
                - apt: { update_cache: true }
                - apt: { name: converge-apt-gone }
            """);
        var outcome = await ConvergeProcess.RunAsync(["apply", setup, "-i", Inventory]);
        Assert.True(outcome.ExitCode is 0, outcome.ToString());
    }

    /// <summary>The converge-apt-* packages dpkg knows on a host: "name version status" lines.</summary>
    public async Task<string> PackagesAsync(string host)
    {
        var result = await Machine.RunAsync("nsenter", Lab.ConsoleArguments(Name, host, ["/bin/sh", "-c", "dpkg-query -W -f='${Package} ${Version} ${db:Status-Status}\\n' 'converge-apt-*' 2>/dev/null; true"]), CancellationToken.None, null);
        return string.Join("\n", result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.EndsWith(" not-installed", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    public Task<CommandResult> ConsoleAsync(string host, string script) =>
        Machine.RunAsync("nsenter", Lab.ConsoleArguments(Name, host, ["/bin/sh", "-c", script]), CancellationToken.None, null);

    public async Task DisposeAsync()
    {
        if (IsUp)
        {
            await Lab.DownAsync(Name, CancellationToken.None);
        }

        Directory.Delete(_work, recursive: true);
    }

    private static void Build(string repo, string package, string version, string? depends = null, string? postinst = null)
    {
        var root = Directory.CreateTempSubdirectory("converge-apt-deb-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        Directory.CreateDirectory(Path.Combine(root, "usr", "share", package));
        File.WriteAllText(Path.Combine(root, "DEBIAN", "control"), $"Package: {package}\nVersion: {version}\nArchitecture: all\n{(depends is null ? string.Empty : $"Depends: {depends}\n")}Maintainer: Converge tests <tests@example.invalid>\nDescription: a package built by the Converge apt tests\n");
        File.WriteAllText(Path.Combine(root, "usr", "share", package, "version"), version);
        if (postinst is not null)
        {
            File.WriteAllText(Path.Combine(root, "DEBIAN", "postinst"), postinst);
            File.SetUnixFileMode(Path.Combine(root, "DEBIAN", "postinst"), (UnixFileMode)0b111_101_101);
        }

        var result = Machine.RunAsync("dpkg-deb", ["--root-owner-group", "--build", root, Path.Combine(repo, $"{package}_{version}_all.deb")], CancellationToken.None, null).GetAwaiter().GetResult();
        Directory.Delete(root, recursive: true);
        Assert.True(result.Succeeded, result.Stderr);
    }
}
