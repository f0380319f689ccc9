using Converge.Core.Connections;
using Converge.Core.Facts;
using Converge.Core.Reporting;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;
using Converge.Modules;
using Converge.Modules.Common;
using Converge.TestKit;

namespace Converge.Core.Tests.Running;

/// <summary>
/// A change that names its paths (a write, a module's mkdir or chmod) drops only the facts of those paths, their
/// ancestors and descendants, when probes showed the paths canonical; anything else drops every fact. Real files,
/// real modules, the local connection.
/// </summary>
public sealed class PreciseFactInvalidationTests
{
    private static readonly TemplateEngine Templates = new();

    private static LoadedRun Load(TempDirectory dir, string tasks, string handlers = "")
    {
        var inventory = dir.Write("hosts.yml", $"all:\n  hosts:\n    h1: {{}}\n  vars:\n    ansible_connection: local\n    converge_state_dir: {dir.Path}/state\n");
        var path = dir.Write("site.yml", $"- hosts: all\n  gather_facts: false\n  tasks:\n{tasks}\n{(handlers.Length > 0 ? "  handlers:\n" + handlers : string.Empty)}");
        return new RunLoader(BuiltinCatalog.Modules(), [], Templates).Load(new RunRequest { Playbook = path, Inventories = [inventory] });
    }

    private static async Task<(RunReport Report, CountingConnection Connection)> RunAsync(LoadedRun run, bool check = false)
    {
        CountingConnection? connection = null;
        var options = new RunOptions { Check = check, Connect = settings => connection = new CountingConnection(new LocalConnection(settings.Host)) };
        var report = await new Runner(BuiltinCatalog.Modules(), Templates).RunAsync(run, options, new RecordingObserver(), default);
        return (report, connection!);
    }

    [Fact]
    public async Task A_first_apply_of_the_benchmark_playbook_reads_facts_twice_and_a_rerun_once()
    {
        using var dir = new TempDirectory();
        var run = Load(dir, $$"""
                - { name: dir, file: { path: {{dir.Path}}/etc/app, state: directory, mode: "0755" } }
                - { name: conf, copy: { content: "a\n", dest: {{dir.Path}}/etc/app/app.conf, mode: "0644" }, notify: restart }
                - { name: settings, copy: { content: "b\n", dest: {{dir.Path}}/etc/app/settings.ini, mode: "0644" }, notify: restart }
                - { name: motd, copy: { content: "c\n", dest: {{dir.Path}}/etc/motd, mode: "0644" } }
                - { name: once, command: { cmd: touch initialized, chdir: {{dir.Path}}, creates: initialized } }
            """,
            $$"""
                - { name: restart, command: { cmd: touch restarted, chdir: {{dir.Path}} } }
            """);

        var (report, connection) = await RunAsync(run);
        var (rerun, rerunConnection) = await RunAsync(run);

        Assert.All(report.Tasks, t => Assert.Equal(OutcomeStatus.Changed, t.Status));
        Assert.All(rerun.Tasks, t => Assert.Equal(OutcomeStatus.Ok, t.Status));
        // The first batch; then `mkdir -p` of two levels may have changed anything, so a second batch reads the
        // files and the journal's folder, which it shows canonical. From there on the journal's writes and those of
        // app.conf, settings.ini and motd each drop only the facts of their own path, which no later task reads.
        Assert.Equal(2, connection.Batches);
        Assert.Equal(1, rerunConnection.Batches);

        // Eleven round trips in all. Five commands: the directory with its parent and mode in one, the journal's
        // record (its folder made in the same command) and its removal, the two touches; three writes; no stat.
        // Before: fifteen (a chmod apart from the mkdir, a stat and a mkdir for the journal's folder, and the
        // journal written again for the second notification of the same handler).
        Assert.Equal((5, 3, 0, 1), (connection.Changes, connection.Writes, connection.Stats, connection.Probes));
    }

    [Fact]
    public async Task Creating_a_directory_drops_only_the_facts_under_it()
    {
        using var dir = new TempDirectory();
        var run = Load(dir, $$"""
                - { name: dir, file: { path: {{dir.Path}}/app, state: directory, mode: "0755" } }
                - { name: conf, copy: { content: "a\n", dest: {{dir.Path}}/app/app.conf } }
                - { name: motd, copy: { content: "c\n", dest: {{dir.Path}}/motd } }
            """);

        var (report, connection) = await RunAsync(run);

        Assert.All(report.Tasks, t => Assert.Equal(OutcomeStatus.Changed, t.Status));
        // First the run lock and one probe for the directory (a followed file fact) and the two files; then app.conf's
        // alone (its directory was created), while motd's from the first batch still holds.
        Assert.Equal([2, 1], connection.BatchSizes);
    }

    [Fact]
    public async Task A_task_reading_a_path_another_task_changed_sees_the_new_value()
    {
        using var dir = new TempDirectory();
        var run = Load(dir, $$"""
                - { name: writes, copy: { content: "one\n", dest: {{dir.Path}}/f, mode: "0600" } }
                - { name: same content, copy: { content: "one\n", dest: {{dir.Path}}/f } }
                - { name: same mode, file: { path: {{dir.Path}}/f, mode: "0600" } }
                - { name: new mode, file: { path: {{dir.Path}}/f, mode: "0640" } }
                - { name: mode again, copy: { content: "one\n", dest: {{dir.Path}}/f, mode: "0640" } }
            """);

        var (report, _) = await RunAsync(run);

        // A stale fact (the file absent, or its old mode) would make the second, third and fifth tasks change it again.
        Assert.Equal(
            [OutcomeStatus.Changed, OutcomeStatus.Ok, OutcomeStatus.Ok, OutcomeStatus.Changed, OutcomeStatus.Ok],
            report.Tasks.Select(t => t.Status));
    }

    [Fact]
    public async Task After_a_command_every_fact_is_read_again()
    {
        using var dir = new TempDirectory();
        var run = Load(dir, $$"""
                - { name: shell writes, shell: "printf 'one\n' > {{dir.Path}}/f" }
                - { name: same content, copy: { content: "one\n", dest: {{dir.Path}}/f } }
            """);

        var (report, connection) = await RunAsync(run);

        // The first batch saw no file; the command declares nothing, so the copy's check reads the file again.
        Assert.Equal([OutcomeStatus.Changed, OutcomeStatus.Ok], report.Tasks.Select(t => t.Status));
        Assert.Equal(2, connection.Batches);
    }

    [Fact]
    public async Task A_write_through_a_symlinked_directory_drops_the_facts_read_under_the_real_one()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "real"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "alias"), Path.Combine(dir.Path, "real"));
        var run = Load(dir, $$"""
                - { name: through the link, copy: { content: "one\n", dest: {{dir.Path}}/alias/f } }
                - { name: real path, copy: { content: "one\n", dest: {{dir.Path}}/real/f } }
            """);

        var (report, _) = await RunAsync(run);

        Assert.Equal([OutcomeStatus.Changed, OutcomeStatus.Ok], report.Tasks.Select(t => t.Status));
    }

    [Fact]
    public async Task A_declared_change_drops_the_facts_of_its_path_its_ancestors_and_descendants_and_keeps_the_others()
    {
        using var dir = new TempDirectory();
        var sub = Directory.CreateDirectory(Path.Combine(dir.Path, "sub")).FullName;
        await using var local = new LocalConnection("h1");
        var facts = new FactCache(local);
        var connection = new FactInvalidatingConnection(local, facts);
        FileFact Fact(string name) => new(Path.Combine(dir.Path, name));
        var (a, b, subFact, inSub, top) = (Fact("a"), Fact("b"), Fact("sub"), Fact("sub/x"), new FileFact(dir.Path));

        await facts.PrefetchAsync([a, b, subFact, inSub, top], default);
        await connection.WriteFileAsync(Path.Combine(dir.Path, "a"), "y"u8.ToArray(), FileWriteOptions.Default, default);
        Assert.Equal([false, true, true, true, false], new IFact[] { a, b, subFact, inSub, top }.Select(facts.Has));

        await facts.PrefetchAsync([a, top], default);
        await connection.RunAsync(CommandSpec.Change("chmod", "0700", "--", sub) with { Changes = [PathChange.Object(sub)] }, default);
        Assert.Equal([true, true, false, false, false], new IFact[] { a, b, subFact, inSub, top }.Select(facts.Has));

        await facts.PrefetchAsync([subFact, inSub, top], default);
        await connection.RunAsync(CommandSpec.Change("true"), default);
        Assert.Equal([false, false, false, false, false], new IFact[] { a, b, subFact, inSub, top }.Select(facts.Has));
    }

    [Fact]
    public async Task A_declared_change_of_a_path_no_probe_showed_canonical_drops_every_fact()
    {
        using var dir = new TempDirectory();
        var hardLink = Path.Combine(dir.Path, "second-name");
        var file = dir.Write("file", "x");
        await using var local = new LocalConnection("h1");
        Assert.True((await local.RunAsync(CommandSpec.Change("ln", "--", file, hardLink), default)).Succeeded);
        var facts = new FactCache(local);
        var connection = new FactInvalidatingConnection(local, facts);
        var (fileFact, other) = (new FileFact(file), new FileFact(Path.Combine(dir.Path, "other")));

        // A file with two names: a chmod through one changes what the other shows.
        await facts.PrefetchAsync([fileFact, other, new FileFact(hardLink)], default);
        await connection.RunAsync(CommandSpec.Change("chmod", "0600", "--", hardLink) with { Changes = [PathChange.Object(hardLink)] }, default);
        Assert.False(facts.Has(fileFact) || facts.Has(other));

        // Never probed at all.
        await facts.PrefetchAsync([fileFact, other], default);
        await Assert.ThrowsAnyAsync<Exception>(() => connection.WriteFileAsync("/nonexistent-converge-dir/f", "y"u8.ToArray(), FileWriteOptions.Default, default));
        Assert.False(facts.Has(fileFact) || facts.Has(other));

        // The files that say how owners' names read, in a directory a probe showed canonical.
        await facts.PrefetchAsync([fileFact, other, new FileFact("/etc/converge-absent")], default);
        facts.Invalidate([PathChange.Entry("/etc/passwd")]);
        Assert.False(facts.Has(fileFact) || facts.Has(other));
    }
}
