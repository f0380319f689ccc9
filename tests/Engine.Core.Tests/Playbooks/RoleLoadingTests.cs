using Converge.Core.Diagnostics;
using Converge.Core.Playbooks;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Playbooks;

public sealed class RoleLoadingTests
{
    private static readonly string[] Modules = ["file", "command", "shell", "template", "copy"];

    [Fact]
    public void Roles_expand_in_Ansibles_order_with_dependencies_once_and_their_scope()
    {
        using var dir = new TempDirectory();
        dir.Write("roles/base/tasks/main.yml", "- name: base task\n  command: /bin/true\n");
        dir.Write("roles/web/meta/main.yml", "galaxy_info: {author: x}\ndependencies:\n  - base\n");
        dir.Write("roles/web/defaults/main.yml", "port: 80\n");
        dir.Write("roles/web/vars/main.yml", "user: www\n");
        dir.Write("roles/web/tasks/main.yml", "- name: web task\n  ansible.builtin.command: echo {{ port }}\n- import_tasks: extra.yml\n");
        dir.Write("roles/web/tasks/extra.yml", "- name: extra task\n  file: path=/tmp/x state=directory mode=0755\n");
        dir.Write("roles/web/handlers/main.yml", "- name: restart web\n  command: /bin/true\n");
        var path = dir.Write("site.yml", """
            - hosts: all
              pre_tasks:
                - name: pre
                  command: /bin/true
              post_tasks:
                - name: post
                  command: /bin/true
              tasks:
                - name: task
                  command: /bin/true
              roles:
                - base
                - role: web
                  vars: {port: 8080}
                  tags: [web]
                  when: enabled
            """);
        var diagnostics = new DiagnosticBag();

        var playbook = new PlaybookLoader(Modules).Load(path, diagnostics)!;

        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items));
        var play = Assert.Single(playbook.Plays);
        Assert.Equal(["pre", "base task", "web task", "extra task", "task", "post"], play.Tasks.Where(t => t.Meta is null).Select(t => t.Name));

        // Ansible flushes handlers after pre_tasks and after roles and tasks: flush points the graph fills with handlers.
        Assert.Equal(["pre", "flush handlers after pre_tasks", "base task", "web task", "extra task", "task", "flush handlers after roles and tasks", "post"], play.Tasks.Select(t => t.Name));
        var web = play.Tasks.Single(t => t.Name == "web task");
        Assert.Equal("command", web.Module);
        Assert.Equal(["web"], web.Tags);
        Assert.Equal("enabled", web.Scope.OutermostFirst().Select(s => s.When).Single(w => w is not null));
        Assert.Equal("web", web.Scope.InnermostRole()!.Name);
        Assert.Equal(8080L, web.Scope.Vars["port"]);
        Assert.Equal("www", web.Scope.Vars["user"]);
        Assert.Equal(80L, web.Scope.Defaults["port"]);
        Assert.Equal(80L, play.RoleDefaults["port"]);
        Assert.Equal("web", play.Tasks.Single(t => t.Name == "extra task").Scope.InnermostRole()!.Name);
        Assert.Equal(["restart web"], play.Handlers.Select(h => h.Name));
        Assert.Equal(play.Tasks.Count, play.Tasks.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void A_task_file_named_from_a_roles_handlers_is_found_relative_to_the_role_as_in_Ansible()
    {
        using var dir = new TempDirectory();
        dir.Write("roles/app/tasks/main.yml", "- command: /bin/true\n  notify: restart app\n");
        var restart = dir.Write("roles/app/tasks/restart.yml", "- name: really restart\n  command: /bin/true\n");
        dir.Write("roles/app/handlers/main.yml", "- name: restart app\n  include_tasks: tasks/restart.yml\n- name: restart again\n  import_tasks: restart.yml\n");
        var path = dir.Write("site.yml", "- hosts: all\n  roles: [app]\n");
        var diagnostics = new DiagnosticBag();

        var playbook = new PlaybookLoader(Modules).Load(path, diagnostics)!;

        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items));
        var handlers = Assert.Single(playbook.Plays).Handlers;
        Assert.Equal(2, handlers.Count);
        Assert.All(handlers, h => Assert.Equal(("really restart", restart), (h.Name, h.File)));
    }

    [Fact]
    public void Blocks_are_scopes_and_import_playbook_carries_its_vars_and_when()
    {
        using var dir = new TempDirectory();
        dir.Write("web.yml", """
            - hosts: web
              tasks:
                - name: outer
                  block:
                    - name: inner
                      command: /bin/true
                      tags: [t2]
                  always:
                    - name: cleanup
                      command: /bin/true
                  when: a == 1
                  become: true
                  vars: {x: 1}
                  tags: [t1]
            """);
        var path = dir.Write("site.yml", "- import_playbook: web.yml\n  vars: {tier: gold}\n  when: go\n");
        var diagnostics = new DiagnosticBag();

        var playbook = new PlaybookLoader(Modules).Load(path, diagnostics)!;

        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items));
        var play = Assert.Single(playbook.Plays);
        Assert.Equal("gold", play.Vars["tier"]);
        Assert.Equal(["inner", "cleanup"], play.Tasks.Select(t => t.Name));
        var inner = play.Tasks[0];
        Assert.Equal(["t1", "t2"], inner.Tags);
        Assert.Equal(["go", "a == 1"], inner.Scope.OutermostFirst().Select(s => s.When).OfType<string>());
        Assert.True(inner.Scope.Become);
        Assert.Equal(1L, inner.Scope.Vars["x"]);
    }

    [Fact]
    public void Free_form_arguments_and_collection_names_become_params()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("site.yml", """
            - hosts: all
              tasks:
                - ansible.builtin.file: path=/srv/x state=directory mode=0755
                - ansible.legacy.command: touch "/srv/a b" creates=/srv/a chdir=/srv
                - command: echo {{ x }}
                  args:
                    chdir: /tmp
                - action: file path=/y state=absent
                - shell: echo hi
                  when:
                    - a or b
                    - c
            """);
        var diagnostics = new DiagnosticBag();

        var tasks = new PlaybookLoader(Modules).Load(path, diagnostics)!.Plays[0].Tasks;

        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items));
        Assert.Equal(["file", "command", "command", "file", "shell"], tasks.Select(t => t.Module));
        Assert.Equal("path=/srv/x state=directory mode=0755", Params(tasks[0]));
        Assert.Equal("cmd=touch \"/srv/a b\" creates=/srv/a chdir=/srv", Params(tasks[1]));
        Assert.Equal("cmd=echo {{ x }} chdir=/tmp", Params(tasks[2]));
        Assert.Equal("path=/y state=absent", Params(tasks[3]));
        Assert.Equal("(a or b) and c", tasks[4].When);
    }

    private static string Params(TaskDefinition task) =>
        string.Join(' ', ((YamlDotNet.RepresentationModel.YamlMappingNode)task.Params!).Children.Select(c => $"{c.Key}={c.Value}"));
}
