using Converge.Core.Templates;

namespace Converge.Core.Tests.Templates;

public sealed class TemplateEngineTests
{
    private readonly TemplateEngine _engine = new();

    private static readonly Dictionary<string, object?> Vars = new()
    {
        ["mtu"] = 1462L,
        ["peers"] = new List<object?> { "10.0.0.2", "10.0.0.3" },
        ["bridge"] = new Dictionary<string, object?> { ["name"] = "br0" },
        ["derived"] = "{{ bridge.name }}-{{ mtu }}",
    };

    [Fact]
    public void An_undefined_variable_is_an_error_naming_it_never_an_empty_string()
    {
        var error = Assert.Throws<UndefinedVariableException>(() => _engine.Render("mtu {{ mtuu }}", Vars));

        Assert.Equal("mtuu", error.Variable);
    }

    [Fact]
    public void Default_and_defined_tests_see_an_undefined_variable_as_absent()
    {
        Assert.Equal("1500", _engine.Render("{{ underlay | default(1500) }}", Vars));
        Assert.True(_engine.Evaluate("underlay is not defined", Vars));
        Assert.True(_engine.Evaluate("mtu is defined and mtu == 1462", Vars));
    }

    [Fact]
    public void A_missing_key_of_a_map_is_undefined_too()
    {
        var error = Assert.Throws<UndefinedVariableException>(() => _engine.Render("{{ bridge.mtu }}", Vars));

        Assert.Equal("bridge.mtu", error.Variable);
        Assert.Equal("br0 1500", _engine.Render("{{ bridge.name }} {{ bridge.mtu | default(1500) }}", Vars));
        Assert.Equal("name=br0;", _engine.Render("{% for k, v in bridge.items() %}{{ k }}={{ v }};{% endfor %}", Vars));
    }

    [Fact]
    public void A_lone_list_keeps_its_type_and_a_number_becomes_text_as_in_ansible()
    {
        Assert.Equal(new List<object?> { "10.0.0.2", "10.0.0.3" }, _engine.RenderValue("{{ peers }}", Vars));
        Assert.Equal(1462L, _engine.RenderValue("{{ mtu }}", Vars));
        Assert.Equal("1462", _engine.RenderValue("{{ mtu + 0 }}", Vars));
        Assert.Equal("mtu=1462", _engine.RenderValue("mtu={{ mtu }}", Vars));
    }

    [Fact]
    public void Variables_holding_templates_are_rendered_when_used()
    {
        Assert.Equal("br0-1462", _engine.Render("{{ derived }}", Vars));
    }

    [Fact]
    public void A_variable_that_refers_to_itself_is_reported()
    {
        var vars = new Dictionary<string, object?> { ["a"] = "{{ b }}", ["b"] = "{{ a }}" };

        var error = Assert.Throws<TemplateRuntimeException>(() => _engine.Render("{{ a }}", vars));

        Assert.Contains("variable 'a' refers to itself: a → b → a", error.Message);
    }
}
