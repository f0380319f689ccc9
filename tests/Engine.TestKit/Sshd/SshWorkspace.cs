using System.Globalization;
using System.Text;

namespace Converge.TestKit.Sshd;

/// <summary>
/// A playbook and an inventory of <c>N</c> hosts on a test <see cref="SshServer"/>, as a user would write
/// them: six tasks per host (a directory, a copied file, two templated files, a guarded command, a handler).
/// Every host works under its own root folder and keeps its handler journal there, since all the hosts
/// are in fact this machine.
/// </summary>
public sealed class SshWorkspace : IDisposable
{
    public const int TasksPerHost = 6;

    private const string PlaybookText = """
        - name: Converge hosts over SSH
          hosts: all
          tasks:
            - name: Application directories
              file:
                path: "{{ root }}/etc/app"
                state: directory
                mode: "0755"

            - name: Application config from files/
              copy:
                src: app.conf
                dest: "{{ root }}/etc/app/app.conf"
                mode: "0644"
              notify: restart app

            - name: Settings from a template
              template:
                src: settings.ini.j2
                dest: "{{ root }}/etc/app/settings.ini"
              notify: restart app

            - name: Message of the day from a template
              template:
                src: motd.j2
                dest: "{{ root }}/etc/motd"

            - name: Initialize once
              command:
                cmd: touch initialized
                chdir: "{{ root }}"
                creates: initialized

          handlers:
            - name: restart app
              command:
                cmd: touch restarted
                chdir: "{{ root }}"

        """;

    private SshWorkspace(string directory, IReadOnlyList<string> hostRoots)
    {
        Directory = directory;
        HostRoots = hostRoots;
    }

    public string Directory { get; }

    public string Playbook => Path.Combine(Directory, "site.yml");

    public string Inventory => Path.Combine(Directory, "inventory", "hosts.yml");

    /// <summary>The folder each host converges (index 0 is <c>host1</c>).</summary>
    public IReadOnlyList<string> HostRoots { get; }

    /// <summary>
    /// Writes the workspace. <paramref name="overrides"/> replaces inventory variables of single hosts
    /// (by 0-based index), e.g. a wrong <c>ansible_port</c>; <paramref name="playbook"/> replaces the six-task
    /// playbook (each host's folder is the variable <c>root</c>).
    /// </summary>
    public static SshWorkspace Create(SshServer server, int hosts, IReadOnlyDictionary<int, IReadOnlyDictionary<string, object>>? overrides = null, string? playbook = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("converge-ssh-workspace-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "files"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "templates"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "inventory"));
        File.WriteAllText(Path.Combine(directory, "site.yml"), playbook ?? PlaybookText);
        File.WriteAllText(Path.Combine(directory, "files", "app.conf"), "listen = 0.0.0.0:8080\nworkers = 4\n");
        File.WriteAllText(Path.Combine(directory, "templates", "settings.ini.j2"), "[app]\nname = {{ inventory_hostname }}\nport = {{ app_port }}\n");
        File.WriteAllText(Path.Combine(directory, "templates", "motd.j2"), "Welcome to {{ inventory_hostname }}, managed by Converge.\n");

        var roots = new List<string>();
        var inventory = new StringBuilder("all:\n  vars:\n    app_port: 8080\n  hosts:\n");
        for (var i = 0; i < hosts; i++)
        {
            var root = Path.Combine(server.HostDirectory(i), "ws-" + Path.GetFileName(directory));
            roots.Add(root);
            var variables = new SortedDictionary<string, object>(StringComparer.Ordinal)
            {
                ["ansible_host"] = server.Addresses[i],
                ["ansible_port"] = server.Port,
                ["ansible_user"] = "root",
                ["ansible_ssh_private_key_file"] = server.ClientKeyFile,
                ["root"] = root,
                ["converge_state_dir"] = root + "/state",
            };
            foreach (var (name, value) in overrides?.GetValueOrDefault(i) ?? new Dictionary<string, object>())
            {
                variables[name] = value;
            }

            inventory.Append(CultureInfo.InvariantCulture, $"    host{i + 1}:\n");
            foreach (var (name, value) in variables)
            {
                inventory.Append(CultureInfo.InvariantCulture, $"      {name}: {value}\n");
            }
        }

        File.WriteAllText(Path.Combine(directory, "inventory", "hosts.yml"), inventory.ToString());
        foreach (var root in roots)
        {
            System.IO.Directory.CreateDirectory(root);
        }

        return new SshWorkspace(directory, roots);
    }

    /// <summary>Arguments for <c>converge VERB site.yml -i inventory --known-hosts …</c> plus <paramref name="extra"/>.</summary>
    public string[] Arguments(string verb, SshServer server, params string[] extra) =>
        [verb, Playbook, "-i", Path.Combine(Directory, "inventory"), "--known-hosts", server.KnownHostsFile, .. extra];

    /// <summary>Hands every host's folder to <paramref name="user"/>, for runs that log in as that user.</summary>
    public async Task GiveToAsync(string user)
    {
        foreach (var root in HostRoots)
        {
            await ProcessRunner.RunAsync("chown", ["-R", user + ":", root]);
        }
    }

    /// <summary>Every file under a host's root, relative to it, sorted (to assert what a run left behind).</summary>
    public IReadOnlyList<string> FilesOf(int host) =>
        [.. System.IO.Directory.EnumerateFiles(HostRoots[host], "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(HostRoots[host], f)).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        foreach (var root in HostRoots.Where(System.IO.Directory.Exists))
        {
            System.IO.Directory.Delete(root, recursive: true);
        }
    }
}
