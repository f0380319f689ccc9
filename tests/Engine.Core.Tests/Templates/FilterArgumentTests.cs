using Converge.Core.Templates;

namespace Converge.Core.Tests.Templates;

/// <summary>
/// A filter or test called with arguments Python would refuse is an error at the call, saying how it is called
/// (Ansible refuses the same calls: the "both fail" cases of the differential corpus).
/// </summary>
public sealed class FilterArgumentTests
{
    private readonly TemplateEngine _engine = new();

    [Theory]
    [InlineData("x {{ 5 | upper(1, 2, 3) }}", 1, 10, "filter 'upper' takes no arguments besides its input, 3 given; call it as value | upper")]
    [InlineData("{{ 'abc' | replace('a') }}", 1, 12, "filter 'replace' is missing 'new'; call it as value | replace(old, new, count=…)")]
    [InlineData("{{ [1, 2] | join(sep=',') }}", 1, 13, "filter 'join' has no argument named 'sep'; call it as value | join(d=…, attribute=…)")]
    [InlineData("{{ [1, 2] | join(',', d='-') }}", 1, 13, "filter 'join' got two values for 'd' (by position and by name); call it as value | join(d=…, attribute=…)")]
    [InlineData("\n{{ 3 is even(2) }}", 2, 6, "test 'even' takes no arguments besides its input, 1 given; call it as value is even")]
    public void A_call_Python_would_refuse_names_the_filter_and_how_to_call_it(string template, int line, int column, string reason)
    {
        var error = Assert.Throws<TemplateRuntimeException>(() => _engine.Render(template, new Dictionary<string, object?>()));

        Assert.Equal((reason, line, column), (error.Reason, error.Line, error.Column));
    }

    [Fact]
    public void Calls_that_fit_the_signature_still_work()
    {
        Assert.Equal("1-2 bbc True", _engine.Render("{{ [1, 2] | join(d='-') }} {{ 'abc' | replace('a', 'b', 1) }} {{ '1.0' is version('2.0', operator='<') }}", new Dictionary<string, object?>()));
    }
}
