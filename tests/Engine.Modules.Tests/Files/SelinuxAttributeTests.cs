using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Modules.Common;
using Converge.Modules.Copy;
using Converge.Modules.Files;
using Converge.Modules.Template;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Files;

/// <summary>
/// <c>seuser</c>/<c>serole</c>/<c>setype</c>/<c>selevel</c> on file, copy and template: ignored on a host without
/// SELinux (this one, like Ansible there), and a clear failure on a host where it is enabled — played by a throwaway
/// mount namespace whose <c>/sys/fs</c> holds a selinuxfs <c>enforce</c> file, so the probe sees what it would see there.
/// </summary>
public sealed class SelinuxAttributeTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Without_SELinux_the_attributes_are_ignored_and_file_copy_and_template_converge_as_without_them()
    {
        Assert.False(File.Exists("/sys/fs/selinux/enforce"), "this test needs a host without SELinux (Debian's default)");
        Directory.CreateDirectory(Path.Combine(_host.PlaybookDirectory, "templates"));
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "templates", "my.cnf.j2"), "[mysqld]\ndatadir={{ '/var/lib/mysql' }}\n");
        var directory = new FileParams { Path = _host.PathOf("datadir"), State = "directory", Mode = "0755", Setype = "mysqld_db_t" };
        var copy = new CopyParams { Dest = _host.PathOf("datadir/a.txt"), Content = "a\n", Seuser = "system_u", Serole = "object_r", Setype = "etc_t", Selevel = "s0" };
        var template = new TemplateParams { Src = "my.cnf.j2", Dest = _host.PathOf("datadir/my.cnf"), Setype = "mysqld_etc_t" };

        var check = await _host.CheckAsync(new FileModule(), directory);
        await _host.ConvergeAsync(new FileModule(), directory);
        await _host.ConvergeAsync(new CopyModule(), copy);
        await _host.ConvergeAsync(new TemplateModule(), template);

        Assert.Equal(["state", "mode"], check.Changes.Select(c => c.Path[(_host.PathOf("datadir").Length + 2)..]));
        Assert.False((await _host.CheckAsync(new FileModule(), directory)).IsDrift);
        Assert.False((await _host.CheckAsync(new CopyModule(), copy)).IsDrift);
        Assert.False((await _host.CheckAsync(new TemplateModule(), template)).IsDrift);
        Assert.Equal("[mysqld]\ndatadir=/var/lib/mysql\n", await File.ReadAllTextAsync(_host.PathOf("datadir/my.cnf")));
        Assert.Contains(new FileModule().FactsOf(directory), f => f is SelinuxFact);
        Assert.DoesNotContain(new FileModule().FactsOf(directory with { Setype = null }), f => f is SelinuxFact);
    }

    [RootFact]
    [Trait("Requires", "root")]
    public async Task With_SELinux_enabled_each_module_fails_saying_Converge_does_not_set_contexts_and_changes_nothing()
    {
        using var mounts = new ThrowawayNamespace("mount");
        var enabled = await new LocalConnection("localhost").RunAsync(
            new CommandSpec("nsenter", ["--target", mounts.Pid, "--mount", "--", "/bin/sh", "-c", "mount -t tmpfs converge-selinux /sys/fs && mkdir /sys/fs/selinux && echo 1 > /sys/fs/selinux/enforce"]),
            CancellationToken.None);
        Assert.True(enabled.Succeeded, enabled.Stderr);
        var path = _host.PathOf("datadir");

        var file = await Assert.ThrowsAsync<TaskFailedException>(() => new FileModule().CheckAsync(Context(mounts), new FileParams { Path = path, State = "directory", Setype = "mysqld_db_t" }, CancellationToken.None));
        var copy = await Assert.ThrowsAsync<TaskFailedException>(() => new CopyModule().CheckAsync(Context(mounts), new CopyParams { Dest = path, Content = "a", Selevel = "s0" }, CancellationToken.None));
        var plain = await new FileModule().CheckAsync(Context(mounts), new FileParams { Path = path, State = "directory" }, CancellationToken.None);

        Assert.Equal(
            "file: setype: mysqld_db_t asks for an SELinux context, and SELinux is enabled on this host: Converge does not set SELinux contexts "
            + "(it ignores them only where SELinux is disabled, as Ansible does); remove them, or set the context with a command (semanage fcontext, restorecon)",
            file.Message);
        Assert.StartsWith("copy: selevel: s0 asks for an SELinux context", copy.Message, StringComparison.Ordinal);
        Assert.True(plain.IsDrift);
        Assert.False(Directory.Exists(path));
    }

    private Core.Modules.ModuleContext Context(ThrowawayNamespace mounts) => _host.Context(mounts.Wrap(new LocalConnection("localhost")), checkMode: true);
}
