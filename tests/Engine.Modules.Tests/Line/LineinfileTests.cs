using System.Text.RegularExpressions;
using Converge.Core.Diagnostics;
using Converge.Modules.Line;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Line;

/// <summary><c>lineinfile</c>'s Ansible parameters beyond <c>line</c>'s first set: backrefs, search_string, validate.</summary>
public sealed class LineinfileTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly LineModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void The_module_is_lineinfile_and_line_is_the_same_module_under_its_first_name()
    {
        Assert.Equal("lineinfile", _module.Name);
        Assert.Equal("line", new LineModule("line").Name);
    }

    [Fact]
    public async Task Backrefs_expand_the_groups_of_the_match_and_no_match_leaves_the_file_alone()
    {
        var path = _host.PathOf("sshd_config");
        await File.WriteAllTextAsync(path, "Port 22\nListenAddress 0.0.0.0\n");
        var parameters = new LineParams { Path = path, Regexp = @"^(Port) (\d+)$", Line = @"\1 2222 # was \2", Backrefs = true };
        var unmatched = new LineParams { Path = path, Regexp = "^Banner (.*)$", Line = @"Banner \1", Backrefs = true };

        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        var nothing = await _host.CheckAsync(_module, unmatched);

        Assert.Equal("Port 2222 # was 22\nListenAddress 0.0.0.0\n", await File.ReadAllTextAsync(path));
        Assert.False(nothing.IsDrift, nothing.Reason);
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public void Expand_reads_python_group_references()
    {
        var match = Regex.Match("key = value", @"^(?<k>\w+) = (?<v>\w+)$");

        Assert.Equal("value:key:key\\q", LineEdit.Expand(match, @"\2:\g<k>:\g<1>\q"));
    }

    [Fact]
    public async Task Search_string_replaces_the_last_line_containing_it_literally()
    {
        var path = _host.PathOf("hosts");
        await File.WriteAllTextAsync(path, "10.0.0.1 a.example\n10.0.0.2 b.example\n");

        await _host.ConvergeAsync(_module, new LineParams { Path = path, SearchString = "b.example", Line = "10.0.0.9 b.example" });

        Assert.Equal("10.0.0.1 a.example\n10.0.0.9 b.example\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Validate_fails_before_the_file_is_changed_and_passes_when_the_command_does()
    {
        var path = _host.PathOf("app.conf");
        await File.WriteAllTextAsync(path, "a=1\n");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, new LineParams { Path = path, Line = "b=2", Validate = "grep -q c=3 %s" }));
        var unchanged = await File.ReadAllTextAsync(path);
        await _host.ConvergeAsync(_module, new LineParams { Path = path, Line = "b=2", Validate = "grep -q b=2 %s" });

        Assert.StartsWith($"{path} not changed: the new content failed validation (`grep -q c=3 ", error.Message);
        Assert.Equal("a=1\n", unchanged);
        Assert.Equal("a=1\nb=2\n", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_host.Target));
    }
}
