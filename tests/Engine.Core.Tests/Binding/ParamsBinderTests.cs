using Converge.Core.Binding;
using Converge.Core.Diagnostics;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Tests.Binding;

public sealed class ParamsBinderTests
{
    private static readonly Dictionary<string, object?> Vars = new()
    {
        ["name"] = "motd",
        ["peers"] = new List<object?> { "a", "b" },
        ["n"] = 3L,
    };

    private static YamlNode Node(string yaml) => YamlFile.Parse("task.yml", yaml, new DiagnosticBag())!.Root!;

    private static object Bind(string yaml) =>
        new ParamsBinder(new TemplateEngine()).Bind(new TestModule(), Node(yaml), "task.yml", new SourceSpan("task.yml", 1, 1), Vars);

    [Fact]
    public void Snake_case_keys_aliases_enums_and_templates_bind_to_the_record()
    {
        var bound = (TestParams)Bind("dest: /etc/{{ name }}\ndrift: yes\ncount: '{{ n }}'\nmode: linux-bridge\nitems: '{{ peers }}'\nextra: {a: 1}");

        Assert.Equal("/etc/motd", bound.Path);
        Assert.True(bound.Drift);
        Assert.Equal(3, bound.Count);
        Assert.Equal(TestMode.LinuxBridge, bound.Mode);
        Assert.Equal(["a", "b"], bound.Items);
        Assert.Equal(1L, Assert.IsType<Dictionary<string, object?>>(bound.Extra)["a"]);
    }

    [Fact]
    public void A_plain_string_binds_to_the_free_form_parameter()
    {
        var bound = (TestParams)Bind("/srv/{{ name }}");

        Assert.Equal("/srv/motd", bound.Path);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_key_position()
    {
        var error = Assert.Throws<BindingException>(() => Bind("pth: /x\ncount: many\nmode: bridge\ndrift: '{{ missing }}'"));

        var problems = error.Problems.Select(p => $"{p.Span.Line}:{p.Span.Column} {p.Message}").ToList();
        Assert.Contains("1:1 probe: unknown parameter 'pth'; did you mean 'path'? (valid parameters are path, drift, count, mode, items, extra)", problems);
        Assert.Contains("2:8 probe.count must be a whole number, not 'many'", problems);
        Assert.Contains("3:7 probe.mode must be one of present, linux-bridge, not 'bridge'", problems);
        Assert.Contains("4:8 probe.drift: undefined variable 'missing'", problems);
        Assert.Contains("1:1 probe: missing required parameter 'path'", problems);
    }
}
