using Converge.Core.Diagnostics;
using Converge.Core.Variables;

namespace Converge.Core.Tests.Variables;

public sealed class ExtraVariablesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "converge-extra-" + Guid.NewGuid().ToString("N"));

    public ExtraVariablesTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Key_value_pairs_are_strings_as_in_Ansible()
    {
        var diagnostics = new DiagnosticBag();

        var values = ExtraVariables.Parse(["port=8080 debug=yes", "msg=\"hello world\" path='/tmp/a b'"], diagnostics);

        Assert.False(diagnostics.HasErrors);
        Assert.Equal("8080", values["port"]);
        Assert.Equal("yes", values["debug"]);
        Assert.Equal("hello world", values["msg"]);
        Assert.Equal("/tmp/a b", values["path"]);
    }

    [Fact]
    public void Inline_JSON_and_YAML_keep_their_types()
    {
        var diagnostics = new DiagnosticBag();

        var values = ExtraVariables.Parse(["{\"port\": 8080, \"ratio\": 1.5, \"on\": true}", "{mode: 0644, flag: yes}"], diagnostics);

        Assert.False(diagnostics.HasErrors);
        Assert.Equal(8080L, values["port"]);
        Assert.Equal(1.5, values["ratio"]);
        Assert.Equal(true, values["on"]);
        Assert.Equal(420L, values["mode"]);
        Assert.Equal(true, values["flag"]);
    }

    [Fact]
    public void Files_are_loaded_with_at_and_later_arguments_win()
    {
        var yaml = Path.Combine(_directory, "vars.yml");
        File.WriteAllText(yaml, "a: 1\nb: [x, y]\n");
        var json = Path.Combine(_directory, "vars.json");
        File.WriteAllText(json, "{\"b\": 2, \"c\": 1e5}");
        var diagnostics = new DiagnosticBag();

        var values = ExtraVariables.Parse(["@" + yaml, "@" + json, "a=override"], diagnostics);

        Assert.False(diagnostics.HasErrors);
        Assert.Equal("override", values["a"]);
        Assert.Equal(2L, values["b"]);
        Assert.Equal(100000.0, values["c"]);
    }

    [Fact]
    public void Bad_arguments_are_diagnostics_with_where_they_came_from()
    {
        var bad = Path.Combine(_directory, "list.yml");
        File.WriteAllText(bad, "- a\n- b\n");
        var diagnostics = new DiagnosticBag();

        ExtraVariables.Parse(["novalue", "./vars.yml", "@missing.yml", "@" + bad, "msg=\"open"], diagnostics);

        Assert.Equal(
            [
                $"{bad}:1:1: extra vars must be a mapping of variable names to values",
                "<command line: -e ./vars.yml>: extra vars file './vars.yml' must be prefixed with '@': -e @./vars.yml",
                "<command line: -e @missing.yml>: extra vars file 'missing.yml' does not exist",
                "<command line: -e msg=\"open>: invalid extra vars: no closing quotation; quote the whole value",
                "<command line: -e novalue>: invalid extra vars: expected key=value, got 'novalue'",
            ],
            diagnostics.Items.Select(d => d.ToString()));
    }
}
