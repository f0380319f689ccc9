using Converge.Core.Diagnostics;
using Converge.Core.Playbooks;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Playbooks;

public sealed class PlaybookLoaderTests
{
    private static readonly string[] Modules = ["file", "command", "write-interfaces", "template"];

    [Fact]
    public void An_unknown_module_is_its_tasks_problem_with_its_position_and_a_suggestion()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("site.yml", "- hosts: all\n  tasks:\n    - name: net\n      write-interface:\n        path: /x\n");
        var diagnostics = new DiagnosticBag();

        // The task keeps it: validation reports it unless no host reaches the task (RunLoader).
        var playbook = new PlaybookLoader(Modules).Load(path, diagnostics)!;

        Assert.Empty(diagnostics.Items);
        var error = Assert.Single(Assert.Single(playbook.Plays[0].Tasks).Problems);
        Assert.Equal(new SourceSpan(path, 4, 7), error.Span);
        Assert.Contains("unknown module or task key 'write-interface'; did you mean 'write-interfaces'?", error.Message);
    }

    [Fact]
    public void Malformed_yaml_points_at_the_parser_position()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("site.yml", "- hosts: all\n  tasks:\n    - name: a\n      command: [unclosed\n");
        var diagnostics = new DiagnosticBag();

        var playbook = new PlaybookLoader(Modules).Load(path, diagnostics);

        Assert.Null(playbook);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(path, error.Span.File);
        Assert.True(error.Span.Line >= 4, error.ToString());
        Assert.StartsWith("malformed YAML", error.Message);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_together()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("site.yml", """
            - hosts: all
              colour: blue
              tasks:
                - name: two modules
                  file: {path: /a}
                  command: echo hi
                - name: no module
                  when: true
                - name: bad flag
                  command: echo
                  ignore_errors: maybe
            """);
        var diagnostics = new DiagnosticBag();

        new PlaybookLoader(Modules).Load(path, diagnostics);

        var messages = diagnostics.Items.Select(d => $"{d.Span.Line}:{d.Span.Column} {d.Message}").ToList();
        Assert.Contains(messages, m => m.StartsWith("2:3 unknown play key 'colour'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("6:7 a task has exactly one module", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("7:7 task 'no module' has no module", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("11:22 'ignore_errors' must be true or false, not 'maybe'", StringComparison.Ordinal));
        Assert.Equal(4, messages.Count);
    }

    [Fact]
    public void Task_keywords_are_read_and_the_module_params_kept_as_written()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("site.yml", """
            - name: web
              hosts: web:&prod
              serial: 2
              tasks:
                - name: motd
                  file:
                    path: /etc/motd
                    content: "{{ greeting }}"
                  notify: [restart]
                  requires: build
                  tags: [config]
                  when:
                    - a == 1
                    - b == 2
              handlers:
                - name: restart
                  command: /bin/true
                  listen: restart things
            """);
        var diagnostics = new DiagnosticBag();

        var playbook = new PlaybookLoader(Modules).Load(path, diagnostics)!;

        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items));
        var play = Assert.Single(playbook.Plays);
        Assert.Equal("web:&prod", play.Hosts);
        Assert.Equal("2", play.Serial);
        var task = Assert.Single(play.Tasks);
        Assert.Equal("file", task.Module);
        Assert.Equal(["restart"], task.Notify.Select(n => n.Name));
        Assert.Equal(["build"], task.Requires.Select(n => n.Name));
        Assert.Equal("a == 1 and b == 2", task.When);
        Assert.Equal(["restart things"], Assert.Single(play.Handlers).Listen);
        Assert.True(Assert.Single(play.Handlers).IsHandler);
    }

    [Theory]
    [InlineData("\"150%x\"")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("250%")]
    [InlineData("0%")]
    [InlineData("two")]
    public void An_invalid_serial_is_an_error_at_its_value_not_all_hosts_at_once(string serial)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("site.yml", $"- hosts: all\n  serial: {serial}\n  tasks: []\n");
        var diagnostics = new DiagnosticBag();

        new PlaybookLoader(Modules).Load(path, diagnostics);

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(new SourceSpan(path, 2, 11), error.Span);
        Assert.Contains("'serial' must be a number of hosts", error.Message);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("25%")]
    [InlineData("\"{{ batch }}\"")]
    public void A_count_a_percentage_or_a_template_is_a_valid_serial(string serial)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("site.yml", $"- hosts: all\n  serial: {serial}\n  tasks: []\n");
        var diagnostics = new DiagnosticBag();

        new PlaybookLoader(Modules).Load(path, diagnostics);

        Assert.Empty(diagnostics.Items);
    }
}
