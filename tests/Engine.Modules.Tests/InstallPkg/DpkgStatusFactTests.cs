using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Modules.InstallPkg;

namespace Converge.Modules.Tests.InstallPkg;

/// <summary>The parser of <see cref="DpkgStatusFact"/>, from output recorded with dpkg 1.21 and apt 2.6 on Debian 12.</summary>
public sealed class DpkgStatusFactTests
{
    private const string Recorded =
        "pkg\tdpkg\tamd64\t1.21.22\tinstalled\n" +
        "pkg\tfakeroot\tamd64\t1.31-1.2\tinstalled\n" +
        "pkg\tlibfoo1\tamd64\t2.0-1\tconfig-files\n" +
        "pkg\tlibc6\ti386\t\tnot-installed\n" +
        "pkg\tlibc6\tamd64\t2.36-9+deb12u14\tinstalled\n" +
        "sha256\tfakeroot\t3b7c0e5f9a1d2c4b6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f\n" +
        "candidate\tdpkg\t1.21.23\n" +
        "candidate\tfakeroot\t1.31-1.2\n" +
        "cache_age\t3441\n";

    [Fact]
    public void Parse_RecordedOutput_GivesPackagesShasCandidatesAndCacheAge()
    {
        var status = DpkgStatusFact.ParseOutput(Recorded);

        Assert.Equal(new InstalledPackage("dpkg", "1.21.22", "amd64", "installed"), status.Installed("dpkg"));
        Assert.Equal("3b7c0e5f9a1d2c4b6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f", status.Installed("fakeroot")!.RecordedSha256);
        Assert.Equal("1.21.23", status.Candidates["dpkg"]);
        Assert.Equal(3441, status.CacheAgeSeconds);
    }

    [Fact]
    public void Parse_ConfigFilesOnly_IsKnownButNotInstalled()
    {
        var status = DpkgStatusFact.ParseOutput(Recorded);

        Assert.Null(status.Installed("libfoo1"));
        Assert.Equal("config-files", status.Known("libfoo1")!.Describe());
    }

    [Fact]
    public void Parse_MultiArch_TheInstalledArchitectureWins_AndArchQualifiersAreIgnored()
    {
        var status = DpkgStatusFact.ParseOutput(Recorded);

        Assert.Equal("amd64", status.Installed("libc6:amd64")!.Architecture);
    }

    [Fact]
    public void Parse_UnknownPackageAndNoCacheLine_AreAbsent()
    {
        var status = DpkgStatusFact.ParseOutput(string.Empty);

        Assert.Null(status.Known("nosuchpkg"));
        Assert.Null(status.CacheAgeSeconds);
    }

    [Fact]
    public void Parse_AFailedProbe_IsATaskFailure()
    {
        var fact = new DpkgStatusFact(["dpkg"], "/var/lib/converge/debs", false, false);

        var error = Assert.Throws<TaskFailedException>(() => fact.Parse(new CommandResult(10, null, string.Empty, "dpkg-query: error: parsing file '/var/lib/dpkg/status'")));

        Assert.Contains("parsing file", error.StderrTail);
    }

    [Fact]
    public void The_probe_is_one_read_only_command_for_all_packages()
    {
        var fact = new DpkgStatusFact(["a", "b", "c"], "/var/lib/converge/debs", true, true, autoMarks: true);

        Assert.Equal(CommandKind.Probe, fact.Command.Kind);
        Assert.Equal(["/var/lib/converge/debs", "1", "1", "1", "a", "b", "c"], fact.Command.Arguments.Skip(3));
    }

    /// <summary>The shell's read of /var/lib/apt/extended_states says what apt-mark says, on this machine's own apt.</summary>
    [Fact]
    public async Task Auto_marks_are_apt_mark_s_for_the_asked_packages_only()
    {
        var local = new LocalConnection("localhost");
        async Task<string[]> MarkedAsync(string which) =>
            [.. (await local.RunAsync(new CommandSpec("apt-mark", [which]), CancellationToken.None)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(n => !n.Contains(':')).Take(3)];
        var auto = await MarkedAsync("showauto");
        var manual = await MarkedAsync("showmanual");
        Assert.True(auto.Length > 0 && manual.Length > 0, "this test needs a machine with packages apt installed automatically and manually");
        var fact = new DpkgStatusFact([.. auto.Take(2), .. manual], "/var/lib/converge/debs", false, false, autoMarks: true);

        var status = fact.Parse(await local.RunAsync(fact.Command, CancellationToken.None));

        Assert.Equal(auto.Take(2).Order(StringComparer.Ordinal), status.AutoInstalled.Order(StringComparer.Ordinal));
    }
}
