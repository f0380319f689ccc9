using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Playbooks;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Graph;

public sealed class GraphBuilderTests
{
    private static readonly string[] Modules = ["probe"];

    private static (TaskGraph Graph, DiagnosticBag Diagnostics) Build(string yaml, Dictionary<int, IReadOnlyList<string>> hosts)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("site.yml", yaml);
        var diagnostics = new DiagnosticBag();
        var playbook = new PlaybookLoader(Modules).Load(path, diagnostics)!;
        var order = hosts.Values.SelectMany(h => h).Distinct().ToList();
        return (GraphBuilder.Build(playbook, hosts, order, TaskFilter.All, diagnostics), diagnostics);
    }

    [Fact]
    public void Requires_waits_for_the_task_on_every_host_of_the_other_play()
    {
        var (graph, diagnostics) = Build("""
            - hosts: builder
              tasks:
                - name: build debs
                  probe: /b
            - hosts: mesh
              tasks:
                - name: install debs
                  probe: /i
                  requires: build debs
            """, new() { [0] = ["b1"], [1] = ["m1", "m2"] });

        Assert.False(diagnostics.HasErrors);
        var requires = graph.Edges.Where(e => e.Kind == EdgeKind.Requires).Select(e => $"{e.From.Id} -> {e.To.Id}").ToList();
        Assert.Equal(["b1/p0.t0 -> m1/p1.t0", "b1/p0.t0 -> m2/p1.t0"], requires);
    }

    [Fact]
    public void A_cycle_is_reported_with_every_task_on_it()
    {
        var (_, diagnostics) = Build("""
            - hosts: all
              tasks:
                - name: first
                  probe: /a
                  requires: third
                - name: second
                  probe: /b
                - name: third
                  probe: /c
            """, new() { [0] = ["h1"] });

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal("dependency cycle: 'first' → 'second' → 'third' → 'first' (through requires/play order); break one of these edges", error.Message);
        Assert.Equal(3, error.Span.Line);
    }

    [Fact]
    public void Unknown_requires_and_notify_names_list_the_valid_ones()
    {
        var (_, diagnostics) = Build("""
            - hosts: all
              tasks:
                - name: build debs
                  probe: /a
                - name: install
                  probe: /b
                  requires: biuld debs
                  notify: reboot host
              handlers:
                - name: reboot hosts
                  probe: /r
            """, new() { [0] = ["h1"] });

        var messages = diagnostics.Items.Select(d => $"{d.Span.Line}:{d.Span.Column} {d.Message}").ToList();
        Assert.Contains("7:17 requires: no task named 'biuld debs'; did you mean 'build debs'? (tasks are: 'build debs', 'install')", messages);
        Assert.Contains("8:15 notify: no handler named 'reboot host'; did you mean 'reboot hosts'? (handlers of play 'play 1': reboot hosts)", messages);
    }

    [Fact]
    public void Handlers_follow_the_play_and_notify_edges_point_at_them()
    {
        var (graph, diagnostics) = Build("""
            - hosts: all
              tasks:
                - name: write
                  probe: /a
                  notify: restart
              handlers:
                - name: restart
                  probe: /r
            - hosts: all
              tasks:
                - name: later
                  probe: /l
            """, new() { [0] = ["h1"], [1] = ["h1"] });

        Assert.False(diagnostics.HasErrors);
        Assert.Equal(["write", "restart", "later"], graph.NodesOf("h1").Select(n => n.Task.Name));
        var notify = Assert.Single(graph.Edges, e => e.Kind == EdgeKind.Notify);
        Assert.Equal(("write", "restart"), (notify.From.Task.Name, notify.To.Task.Name));
    }

    [Fact]
    public void Serial_batches_wait_for_the_previous_batch()
    {
        var (graph, _) = Build("""
            - hosts: all
              serial: 1
              tasks:
                - name: roll
                  probe: /a
            """, new() { [0] = ["h1", "h2", "h3"] });

        var serial = graph.Edges.Where(e => e.Kind == EdgeKind.Serial).Select(e => $"{e.From.Host}->{e.To.Host}").ToList();
        Assert.Equal(["h1->h2", "h2->h3"], serial);
    }

    [Theory]
    [InlineData("2", 10, 2)]
    [InlineData("30%", 10, 3)]
    [InlineData(null, 7, 7)]
    [InlineData("1%", 10, 1)]
    public void SerialSize_understands_counts_and_percentages(string? serial, int hosts, int expected) =>
        Assert.Equal(expected, GraphBuilder.SerialSize(serial, hosts));
}
