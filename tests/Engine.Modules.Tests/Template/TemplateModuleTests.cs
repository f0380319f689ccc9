using Converge.Core.Diagnostics;
using Converge.Modules.Template;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Template;

public sealed class TemplateModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly TemplateModule _module = new();

    public TemplateModuleTests()
    {
        Directory.CreateDirectory(Path.Combine(_host.PlaybookDirectory, "templates"));
        _host.Variables["greeting"] = "hello";
        _host.Variables["place"] = "here";
        _host.Variables["peers"] = new List<object?> { "10.0.0.2", "10.0.0.3" };
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_template_from_the_templates_folder_is_rendered_then_in_sync()
    {
        await WriteTemplateAsync("templates/motd.j2", "{{ greeting }} from {{ place | upper }}{{ suffix | default('!') }}\n{% for p in peers %}peer {{ p }}\n{% endfor %}");
        var dest = _host.PathOf("motd");
        var parameters = new TemplateParams { Src = "motd.j2", Dest = dest, Mode = "0600" };

        var (plan, _) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Contains("+hello from HERE!", plan.Changes.Single(c => c.Path.EndsWith("content", StringComparison.Ordinal)).Diff);
        Assert.Equal("hello from HERE!\npeer 10.0.0.2\npeer 10.0.0.3\n", await File.ReadAllTextAsync(dest));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task A_changed_variable_is_drift_with_a_diff_naming_the_template_and_check_mode_writes_nothing()
    {
        var source = await WriteTemplateAsync("templates/motd.j2", "{{ greeting }}\n");
        var dest = _host.PathOf("motd");
        await _host.ConvergeAsync(_module, new TemplateParams { Src = "motd.j2", Dest = dest });
        _host.Variables["greeting"] = "bonjour";
        var before = _host.Snapshot();

        var plan = await _host.CheckAsync(_module, new TemplateParams { Src = "motd.j2", Dest = dest });

        var change = Assert.Single(plan.Changes);
        Assert.Equal($"--- before: {dest}\n+++ after: {source}\n@@ -1 +1 @@\n-hello\n+bonjour\n", change.Diff);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public async Task Ansible_s_template_variables_are_defined_over_the_task_s_as_in_its_template_action()
    {
        // Ansible 2.14 renders this template (from geerlingguy.memcached) as "# Ansible managed" with its
        // default config; tests/Corpus/differential-roles.sh compares the two hosts' files byte for byte.
        _host.Variables["ansible_managed"] = "a user's own value is overridden";
        var source = await WriteTemplateAsync("templates/managed.j2", "# {{ ansible_managed }}\n# {{ template_path }} {{ template_fullpath }} -> {{ template_destpath }}\n");
        var dest = _host.PathOf("managed");

        await _host.ConvergeAsync(_module, new TemplateParams { Src = "managed.j2", Dest = dest });

        Assert.Equal($"# Ansible managed\n# managed.j2 {source} -> {dest}\n", await File.ReadAllTextAsync(dest));
    }

    [Fact]
    public async Task A_relative_src_falls_back_to_the_playbook_folder()
    {
        await WriteTemplateAsync("beside.j2", "x={{ greeting }}");
        var dest = _host.PathOf("beside");

        await _host.ConvergeAsync(_module, new TemplateParams { Src = "beside.j2", Dest = dest });

        Assert.Equal("x=hello", await File.ReadAllTextAsync(dest));
    }

    [Fact]
    public async Task An_undefined_variable_fails_naming_the_variable_the_template_and_the_line()
    {
        var source = await WriteTemplateAsync("templates/bad.j2", "line one\n{% if greeting %}\nmtu {{ mtu }}\n{% endif %}\n");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new TemplateParams { Src = "bad.j2", Dest = _host.PathOf("bad") }));

        Assert.Equal($"{source}:3:8: undefined variable 'mtu'", error.Message);
        Assert.False(File.Exists(_host.PathOf("bad")));
    }

    [Fact]
    public async Task A_missing_template_says_where_it_looked()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new TemplateParams { Src = "nope.j2", Dest = _host.PathOf("x") }));

        Assert.Contains(Path.Combine(_host.PlaybookDirectory, "templates"), error.Message);
    }

    private async Task<string> WriteTemplateAsync(string relative, string text)
    {
        var path = Path.Combine(_host.PlaybookDirectory, relative);
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
