using Converge.Modules.Find;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Find;

public sealed class FindModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public FindModuleTests()
    {
        Directory.CreateDirectory(_host.PathOf("logs/old"));
        Directory.CreateDirectory(_host.PathOf("logs/.hidden"));
        File.WriteAllText(_host.PathOf("logs/app.log"), "INFO start\nERROR disk full\n");
        File.WriteAllText(_host.PathOf("logs/web.log"), "INFO ok\n" + new string('x', 4096));
        File.WriteAllText(_host.PathOf("logs/notes.txt"), "ERROR not a log\n");
        File.WriteAllText(_host.PathOf("logs/.secret.log"), "ERROR hidden\n");
        File.WriteAllText(_host.PathOf("logs/old/2020.log"), "ERROR old\n");
        File.WriteAllText(_host.PathOf("logs/.hidden/in.log"), "x\n");
        File.SetLastWriteTimeUtc(_host.PathOf("logs/old/2020.log"), DateTime.UtcNow.AddDays(-10));
        File.CreateSymbolicLink(_host.PathOf("logs/current"), _host.PathOf("logs/app.log"));
    }

    public void Dispose() => _host.Dispose();

    private async Task<List<string>> NamesAsync(FindParams parameters)
    {
        var plan = await _host.CheckAsync(new FindModule(), parameters);
        Assert.False(plan.IsDrift);
        var files = Assert.IsType<List<Dictionary<string, object?>>>(plan.Output["files"]);
        Assert.Equal(files.Count, plan.Output["matched"]);
        return [.. files.Select(f => Path.GetRelativePath(_host.Target, (string)f["path"]!)).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Patterns_recurse_hidden_and_contains_select_as_Ansible()
    {
        var logs = _host.PathOf("logs");

        Assert.Equal(["logs/app.log", "logs/web.log"], await NamesAsync(new FindParams { Paths = [logs], Patterns = ["*.log"] }));
        Assert.Equal(["logs/.hidden/in.log", "logs/app.log", "logs/old/2020.log", "logs/web.log"], await NamesAsync(new FindParams { Paths = [logs], Patterns = ["*.log"], Recurse = true }));
        Assert.Equal(["logs/.secret.log", "logs/app.log", "logs/web.log"], await NamesAsync(new FindParams { Paths = [logs], Patterns = ["*.log"], Hidden = true }));
        Assert.Equal(["logs/app.log", "logs/old/2020.log"], await NamesAsync(new FindParams { Paths = [logs], Patterns = ["*.log"], Recurse = true, Contains = "ERROR" }));
        Assert.Equal(["logs/app.log"], await NamesAsync(new FindParams { Paths = [logs], Patterns = [@"a.*\.log"], UseRegex = true }));
        Assert.Equal(["logs/web.log"], await NamesAsync(new FindParams { Paths = [logs], Patterns = ["*.log"], Excludes = ["app*"] }));
    }

    [Fact]
    public async Task Age_size_and_file_type_select_as_Ansible()
    {
        var logs = _host.PathOf("logs");

        Assert.Equal(["logs/old/2020.log"], await NamesAsync(new FindParams { Paths = [logs], Recurse = true, Age = "1w" }));
        Assert.Equal(["logs/web.log"], await NamesAsync(new FindParams { Paths = [logs], Size = "4k" }));
        Assert.Equal(["logs/app.log", "logs/notes.txt"], await NamesAsync(new FindParams { Paths = [logs], Size = "-100" }));
        Assert.Equal(["logs/old"], await NamesAsync(new FindParams { Paths = [logs], FileType = "directory" }));
        Assert.Equal(["logs/current"], await NamesAsync(new FindParams { Paths = [logs], FileType = "link" }));
    }

    [Fact]
    public async Task Each_file_carries_Ansibles_stat_keys_and_a_missing_path_is_skipped()
    {
        var plan = await _host.CheckAsync(new FindModule(), new FindParams { Paths = [_host.PathOf("logs"), _host.PathOf("nope")], Patterns = ["app.log"], GetChecksum = true });

        var file = Assert.Single(Assert.IsType<List<Dictionary<string, object?>>>(plan.Output["files"]));
        Assert.Equal("0644", file["mode"]);
        Assert.Equal(true, file["isreg"]);
        Assert.Equal(27L, file["size"]);
        // sha1 because Ansible's find returns sha1 sums; computed here as the reference.
#pragma warning disable CA5350
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(File.ReadAllBytes(_host.PathOf("logs/app.log")))), file["checksum"]);
#pragma warning restore CA5350
        Assert.Contains(_host.PathOf("nope"), Assert.IsType<Dictionary<string, object?>>(plan.Output["skipped_paths"]).Keys);
        Assert.Equal("Not all paths examined, check warnings for details", plan.Output["msg"]);
    }

    [Fact]
    public void A_malformed_age_is_refused_with_the_form_expected()
    {
        var result = new FindParamsValidator().Validate(new FindParams { Paths = ["/var/log"], Age = "2 days" });

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains("2d", StringComparison.Ordinal));
    }
}
