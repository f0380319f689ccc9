using System.Text.Json;
using Converge.Lab;
using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.EndToEnd;

/// <summary>
/// Issue 13's acceptance: a no-op rerun over SSH of a 30-task playbook of the everyday modules (files, trees, archives,
/// edits, links, reads, guarded commands, variables) opens one session (exec channel) per host, counted from sshd's log,
/// and changes nothing. None of its tasks is one that must run a command every time (raw, uri without creates, script, wait_for).
/// </summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class EverydayModulesOverSshSpecs(SshdFixture sshd)
{
    private const string Playbook = """
        - hosts: all
          tasks:
            - file: { path: "{{ root }}/etc/app", state: directory, mode: "0755" }
            - file: { path: "{{ root }}/srv", state: directory }
            - copy: { src: app.conf, dest: "{{ root }}/etc/app/app.conf", mode: "0644" }
            - copy: { content: "version = 1\n", dest: "{{ root }}/etc/app/version" }
            - copy: { src: site, dest: "{{ root }}/srv", directory_mode: "0755" }
            - copy: { src: "{{ root }}/etc/app/app.conf", dest: "{{ root }}/etc/app/app.conf.orig", remote_src: true }
            - copy: { src: "{{ root }}/srv/site/", dest: "{{ root }}/srv/mirror", remote_src: true }
            - template: { src: settings.ini.j2, dest: "{{ root }}/etc/app/settings.ini" }
            - template: { src: motd.j2, dest: "{{ root }}/etc/motd" }
            - lineinfile: { path: "{{ root }}/etc/hosts", line: "10.0.0.2 peer", create: true }
            - copy: { content: "Welcome\n", dest: "{{ root }}/etc/banner", force: false }
            - blockinfile: { path: "{{ root }}/etc/hosts", block: "10.0.0.3 db\n10.0.0.4 cache" }
            - replace: { path: "{{ root }}/etc/banner", regexp: "Welcome", replace: "Hello" }
            - ini_file: { path: "{{ root }}/etc/app/extra.ini", section: main, option: threads, value: "4" }
            - ini_file: { path: "{{ root }}/etc/app/extra.ini", section: log, option: level, value: info }
            - file: { path: "{{ root }}/etc/app/current", src: version, state: link }
            - file: { path: "{{ root }}/etc/app/hard", src: "{{ root }}/etc/app/version", state: hard }
            - file: { path: "{{ root }}/srv/site", state: directory, recurse: true, mode: "u=rwX,g=rX,o=rX" }
            - file: { path: "{{ root }}/etc/app/stamp", state: touch }
            - file: { path: "{{ root }}/etc/app/stamp", modification_time: "202401010000.00" }
            - file: { path: "{{ root }}/old.conf", state: absent }
            - file: { path: "{{ root }}/opt", state: directory }
            - unarchive: { src: bundle.tar.gz, dest: "{{ root }}/opt" }
            - command: { cmd: touch initialized, chdir: "{{ root }}", creates: initialized }
            - shell: { cmd: "echo done > {{ root }}/shell.done", creates: "{{ root }}/shell.done" }
            - stat: { path: "{{ root }}/etc/app/app.conf" }
              register: conf
            - find: { paths: "{{ root }}/etc/app", patterns: "*.conf" }
              register: found
            - slurp: { src: "{{ root }}/etc/app/version" }
              register: version
            - set_fact: { conf_size: "{{ conf.stat.size }}" }
            - assert: { that: ["found.matched >= 1", "(version.content | b64decode) == 'version = 1\\n'", "conf_size | int > 0"] }
        """;

    [SshdFact]
    public async Task A_no_op_rerun_of_thirty_everyday_tasks_opens_one_session_per_host_and_changes_nothing()
    {
        using var workspace = SshWorkspace.Create(sshd.Server, 2, playbook: Playbook);
        Directory.CreateDirectory(Path.Combine(workspace.Directory, "files", "site", "css"));
        await File.WriteAllTextAsync(Path.Combine(workspace.Directory, "files", "site", "index.html"), "<h1>hi</h1>\n");
        await File.WriteAllTextAsync(Path.Combine(workspace.Directory, "files", "site", "css", "main.css"), "body {}\n");
        var bundle = await Machine.RunAsync("tar", ["-czf", Path.Combine(workspace.Directory, "files", "bundle.tar.gz"), "-C", Path.Combine(workspace.Directory, "files"), "site"], CancellationToken.None);
        Assert.True(bundle.Succeeded, bundle.Stderr);
        var report = Path.Combine(workspace.Directory, "rerun.json");

        var first = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server));
        var before = sshd.Server.LogLength;
        var rerun = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--detailed-exitcode", "--report", report));
        var sessions = sshd.Server.SessionsSince(before);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.Equal(60, json.RootElement.GetProperty("tasks").GetArrayLength());
        Assert.Equal([1, 1], sessions.Values);
        Assert.True(File.Exists(Path.Combine(workspace.HostRoots[1], "opt", "site", "css", "main.css")));
    }
}
