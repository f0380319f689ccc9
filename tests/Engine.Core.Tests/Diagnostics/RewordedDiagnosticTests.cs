using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Diagnostics;

/// <summary>
/// Diagnostics are data: where a problem is comes from the span carried with it, never from its sentence. The
/// same mistake worded three ways (the last one full of things a message parser would take for a place or a
/// name) is reported at the same file, line and column, with the same kind and names.
/// </summary>
public sealed class RewordedDiagnosticTests
{
    private const string Playbook = """
        - hosts: all
          tasks:
            - name: too many
              worded:
                path: /x
                count: 12
        """;

    [Theory]
    [InlineData("count must be under 10")]
    [InlineData("Too many! Keep it below ten.")]
    [InlineData("site.yml:1:1: path: host web1: line 99, column 7 — see 'other' task")]
    public void A_reworded_message_keeps_its_location_kind_and_names(string wording)
    {
        using var dir = new TempDirectory();
        dir.Write("inventory", "web1 ansible_connection=local\nweb2 ansible_connection=local\n");
        var modules = new ModuleRegistry().Register(new WordedModule(wording));

        var error = Assert.Throws<ConfigurationException>(() => new RunLoader(modules, [], new TemplateEngine()).Load(new RunRequest
        {
            Playbook = dir.Write("site.yml", Playbook),
            Inventories = [Path.Combine(dir.Path, "inventory")],
        }));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal((Path.Combine(dir.Path, "site.yml"), 6, 9), (diagnostic.Span.File, diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal(DiagnosticKind.Error, diagnostic.Kind);
        Assert.Equal(["too many", "web1", "web2"], diagnostic.Names);
        Assert.EndsWith(wording, diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{diagnostic.Span}: error: ", error.Message, StringComparison.Ordinal);
    }
}
