using Converge.Modules.IniFile;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.IniFile;

public sealed class IniFileModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly IniFileModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_missing_option_is_added_to_its_section_then_in_sync_and_check_mode_wrote_nothing()
    {
        var path = _host.PathOf("app.ini");
        await File.WriteAllTextAsync(path, "[database]\nhost = db1\n\n[server]\nport = 80\n");
        var parameters = new IniFileParams { Path = path, Section = "database", Option = "pool_size", Value = "20", Mode = "0640" };

        var before = _host.Snapshot();
        var plan = await _host.CheckAsync(_module, parameters);
        Assert.Equal(before, _host.Snapshot());
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.True(plan.IsDrift);
        Assert.Contains(plan.Changes, c => c.Diff is { } diff && diff.Contains("+pool_size = 20", StringComparison.Ordinal));
        Assert.Equal("[database]\nhost = db1\npool_size = 20\n\n[server]\nport = 80\n", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task A_missing_file_and_directory_are_created_with_the_section()
    {
        var path = _host.PathOf("new/dir/app.ini");
        var parameters = new IniFileParams { Path = path, Section = "main", Option = "x", Value = "1", NoExtraSpaces = true };

        await _host.ConvergeAsync(_module, parameters);

        Assert.Equal("\n[main]\nx=1\n", await File.ReadAllTextAsync(path));
        Assert.False((await _host.CheckAsync(_module, parameters)).IsDrift);
    }

    [Theory]
    [InlineData("[s]\n#opt = old\nb = 2\n", "present", true, "[s]\nopt = new\nb = 2\n")]
    [InlineData("[s]\nopt = a\nopt = b\n", "present", true, "[s]\nopt = new\n")]
    [InlineData("[s]\nopt = a\n", "present", false, "[s]\nopt = a\nopt = new\n")]
    [InlineData("top = 1\n[s]\nopt = a\nopt = new\n", "absent", true, "top = 1\n[s]\n")]
    [InlineData("[s]\nopt = a\nopt = new\n", "absent", false, "[s]\nopt = a\n")]
    [InlineData("[s]\nopt = 1", "present", true, "[s]\nopt = new\n")]
    public void The_edit_is_Ansibles(string text, string state, bool exclusive, string expected)
    {
        var edited = IniEdit.Apply(text, new IniFileParams { Path = "/x", Section = "s", Option = "opt", Value = "new", State = state, Exclusive = exclusive });

        Assert.Equal(expected, edited);
    }

    [Fact]
    public void Without_an_option_absent_removes_the_section_and_without_a_section_the_globals_are_edited()
    {
        Assert.Equal("[a]\nx = 1\n", IniEdit.Apply("[a]\nx = 1\n[b]\ny = 2\n", new IniFileParams { Path = "/x", Section = "b", State = "absent" }));
        Assert.Equal("g = 1\n[a]\nx = 1\n", IniEdit.Apply("[a]\nx = 1\n", new IniFileParams { Path = "/x", Option = "g", Value = "1" }));
    }

    [Fact]
    public void The_validator_names_a_missing_value()
    {
        var result = new IniFileParamsValidator().Validate(new IniFileParams { Path = "/etc/x.ini", Section = "s", Option = "o" });

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains("allow_no_value", StringComparison.Ordinal));
    }
}
