using Converge.Modules.AptRepository;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.AptRepository;

/// <summary>
/// <c>apt_repository</c> check → apply → check on real sources files under a test root (never this machine's
/// apt sources); <c>apt-get update</c> is off here and covered where the lab has a repository.
/// </summary>
public sealed class AptRepositoryModuleTests : IDisposable
{
    private const string Repo = "deb [signed-by=/etc/apt/keyrings/example.asc] https://user:pw@pkg.example.org/debian bookworm main";
    private readonly ModuleTestHost _host = new();
    private readonly AptRepositoryModule _module;

    public AptRepositoryModuleTests()
    {
        _module = new AptRepositoryModule(_host.Target);
        Directory.CreateDirectory(_host.PathOf("etc/apt/sources.list.d"));
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public void The_default_file_name_is_ansibles()
    {
        Assert.Equal("pkg_example_org_debian", SourceLine.SuggestFilename(Repo));
        Assert.Equal("dl_google_com_linux_chrome_deb", SourceLine.SuggestFilename("deb [arch=amd64] http://dl.google.com/linux/chrome/deb/ stable main"));
    }

    [Fact]
    public async Task A_source_is_added_to_its_file_once_and_a_source_elsewhere_counts()
    {
        var parameters = new AptRepositoryParams { Repo = Repo, UpdateCache = false };
        var file = _host.PathOf("etc/apt/sources.list.d/pkg_example_org_debian.list");
        await File.WriteAllTextAsync(_host.PathOf("etc/apt/sources.list"), "deb   http://deb.debian.org/debian  bookworm main # the archive\n");

        var check = await _host.CheckAsync(_module, parameters);
        Assert.False(File.Exists(file));
        var (_, result) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        var elsewhere = await _host.CheckAsync(_module, new AptRepositoryParams { Repo = "deb http://deb.debian.org/debian bookworm main", UpdateCache = false });

        Assert.True(check.IsDrift);
        Assert.Equal(Repo + "\n", await File.ReadAllTextAsync(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(file));
        Assert.Equal(new List<string> { file }, result!.Output["sources_added"]);
        Assert.False(again.IsDrift, again.Reason);
        Assert.False(elsewhere.IsDrift, elsewhere.Reason);
    }

    [Fact]
    public async Task Absent_removes_the_source_from_every_file_and_deletes_a_file_left_empty()
    {
        var mixed = _host.PathOf("etc/apt/sources.list");
        var alone = _host.PathOf("etc/apt/sources.list.d/example.list");
        await File.WriteAllTextAsync(mixed, "deb http://deb.debian.org/debian bookworm main\ndeb  http://pkg.example.org/debian bookworm main\n");
        await File.WriteAllTextAsync(alone, "deb http://pkg.example.org/debian bookworm main\n");
        var parameters = new AptRepositoryParams { Repo = "deb http://pkg.example.org/debian bookworm main", State = "absent", UpdateCache = false };

        var check = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal(2, check.Changes.Count);
        Assert.Equal("deb http://deb.debian.org/debian bookworm main\n", await File.ReadAllTextAsync(mixed));
        Assert.False(File.Exists(alone));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Theory]
    [InlineData("{ repo: 'ppa:deadsnakes/ppa' }", "apt_repository: ppa: sources are not supported")]
    [InlineData("{ repo: 'http://pkg.example.org/debian bookworm main' }", "apt_repository: repo 'http://pkg.example.org/debian bookworm main' is not a source line")]
    [InlineData("{ repo: 'deb http://x/ y', mode: rw }", "apt_repository: mode must be octal")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(ValidationProbe.Problems(_module, yaml), p => p.StartsWith(message, StringComparison.Ordinal));
    }
}
