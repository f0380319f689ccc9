using System.Collections.Concurrent;
using Converge.Core.Diagnostics;
using Converge.Core.Templates;

namespace Converge.Core.Tests.Templates;

/// <summary>One engine serves a whole run: rendering from many threads at once gives the serial results, and each distinct template is parsed once.</summary>
public sealed class ConcurrentRenderingTests
{
    private static readonly Dictionary<string, object?> Vars = new(StringComparer.Ordinal)
    {
        ["peers"] = new List<object?> { "10.0.0.2", "10.0.0.3", "10.0.0.4" },
        ["port"] = 8080L,
        ["derived"] = "{{ port + 1 }}",
    };

    private static readonly string[] Templates =
    [
        "{{ peers | join(',') }}", "{{ peers | map('regex_replace', '^10', '192') | list }}", "{{ port | default(80) }}-{{ derived }}",
        "{% for p in peers %}{{ loop.index }}={{ p }};{% endfor %}", "{{ inventory_hostname | upper }}", "{{ peers | ansible.utils.ipaddr('address') | length }}",
        "{{ undefined_thing }}", "{{ peers | shout }}", "{% if %}",
    ];

    private static readonly string[] Conditions = ["port > 80", "inventory_hostname in peers", "derived | int == 8081", "port =="];

    [Fact]
    public void Rendering_from_many_threads_gives_the_serial_results_and_parses_each_template_once()
    {
        var expected = Enumerable.Range(0, 16).Select(h => RenderHost(new TemplateEngine(), h)).ToList();
        var engine = new TemplateEngine();
        var results = new ConcurrentBag<(int Host, string Result)>();

        Parallel.For(0, 16 * 50, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results.Add((i % 16, RenderHost(engine, i % 16))));

        Assert.Equal(16 * 50, results.Count);
        Assert.All(results, r => Assert.Equal(expected[r.Host], r.Result));
        Assert.Equal(Templates.Length + Conditions.Length + 1, engine.Parses); // + 1: the variable derived is a template too
    }

    private static string RenderHost(TemplateEngine engine, int host)
    {
        var variables = new Dictionary<string, object?>(Vars, StringComparer.Ordinal) { ["inventory_hostname"] = host % 2 == 0 ? $"10.0.0.{host}" : $"web{host}" };
        var parts = new List<string>();
        foreach (var template in Templates)
        {
            parts.Add(Outcome(() => Converge.Core.Templates.Jinja.Py.Repr(engine.RenderValue(template, variables))));
        }

        foreach (var condition in Conditions)
        {
            parts.Add(Outcome(() => engine.Evaluate(condition, variables).ToString()));
        }

        return string.Join("\n", parts);
    }

    private static string Outcome(Func<string> render)
    {
        try
        {
            return render();
        }
        catch (ConvergeException e)
        {
            return "error " + e.Message;
        }
    }
}
