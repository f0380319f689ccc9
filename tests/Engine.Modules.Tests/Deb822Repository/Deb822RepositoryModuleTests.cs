using Converge.Modules.Deb822Repository;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Deb822Repository;

/// <summary><c>deb822_repository</c> check → apply → check on real files under a test root (never this machine's apt sources).</summary>
public sealed class Deb822RepositoryModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly Deb822RepositoryModule _module;

    public Deb822RepositoryModuleTests()
    {
        _module = new Deb822RepositoryModule(_host.Target);
        Directory.CreateDirectory(_host.PathOf("etc/apt/sources.list.d"));
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_sources_file_is_written_once_with_an_inline_key_and_removed_by_absent()
    {
        var parameters = new Deb822RepositoryParams
        {
            Name = "Example Packages",
            Uris = ["https://pkg.example.org/debian"],
            Suites = ["bookworm"],
            Components = ["main", "contrib"],
            Enabled = true,
            SignedBy = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGQ\n-----END PGP PUBLIC KEY BLOCK-----\n",
        };
        var file = _host.PathOf("etc/apt/sources.list.d/example-packages.sources");

        var check = await _host.CheckAsync(_module, parameters);
        Assert.False(File.Exists(file));
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        var parsed = await AptConfigDumpsAsync(file);
        await _host.ConvergeAsync(_module, parameters with { State = "absent" });

        Assert.True(check.IsDrift);
        Assert.False(again.IsDrift, again.Reason);
        Assert.True(parsed, "apt could not read the file");
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void The_stanza_is_rendered_as_deb822()
    {
        var text = Deb822Source.Render(new Deb822RepositoryParams { Name = "debian", Uris = ["http://deb.debian.org/debian"], Suites = ["stable", "stable-updates"], Components = ["main"], Trusted = false, SignedBy = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAB\n-----END PGP PUBLIC KEY BLOCK-----" });

        Assert.Equal(
            "X-Repolib-Name: debian\nTypes: deb\nURIs: http://deb.debian.org/debian\nSuites: stable stable-updates\nComponents: main\nTrusted: no\nSigned-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n .\n AB\n -----END PGP PUBLIC KEY BLOCK-----\n",
            text);
        Assert.Equal("my-repo-2", Deb822Source.Slug("My_Repo 2!"));
    }

    [Theory]
    [InlineData("{ name: x, uris: 'https://a/', suites: s, signed_by: 'file:///srv/key.asc' }", "deb822_repository: signed_by 'file:///srv/key.asc' is a URL the host cannot fetch: use http://, https:// or ftp://")]
    [InlineData("{ name: x, suites: s }", "deb822_repository: uris is required with state present")]
    [InlineData("{ name: x, uris: 'https://a/', suites: s, types: rpm }", "deb822_repository: types holds 'rpm'")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(ValidationProbe.Problems(_module, yaml), p => p.StartsWith(message, StringComparison.Ordinal));
    }

    /// <summary>The real apt reads the file: <c>apt-get update --print-uris</c> (prints, downloads nothing) over only this sources directory names its source.</summary>
    private async Task<bool> AptConfigDumpsAsync(string file)
    {
        var directory = Path.GetDirectoryName(file)!;
        var info = new System.Diagnostics.ProcessStartInfo("apt-get", ["-o", "Dir::Etc::sourcelist=/dev/null", "-o", "Dir::Etc::sourceparts=" + directory, "-o", "Dir::State::lists=" + _host.PathOf("lists"), "-o", "Debug::NoLocking=1", "update", "--print-uris"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Directory.CreateDirectory(_host.PathOf("lists/partial"));
        using var apt = System.Diagnostics.Process.Start(info)!;
        var output = await apt.StandardOutput.ReadToEndAsync();
        var errors = await apt.StandardError.ReadToEndAsync();
        await apt.WaitForExitAsync();
        return apt.ExitCode == 0 && output.Contains("pkg.example.org/debian", StringComparison.Ordinal);
    }
}
