using Converge.Core.Connections;
using Converge.Modules.Mount;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Mount;

/// <summary>
/// <c>mount</c> check → apply → check: the fstab entry on a real file, and the live mount with the real
/// <c>mount</c>/<c>umount</c> inside a throwaway mount namespace (this machine's mount table is never touched).
/// </summary>
public sealed class MountModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly MountModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Present_replaces_the_mount_points_line_keeps_the_rest_and_absent_removes_it()
    {
        var fstab = _host.PathOf("fstab");
        await File.WriteAllTextAsync(fstab, "# static file system information\nUUID=1 / ext4 errors=remount-ro 0 1\n/dev/sdb1 /srv/data ext4 defaults\n");
        var parameters = new MountParams { Path = "/srv/data", Src = "UUID=2", Fstype = "xfs", Opts = "noatime", State = "present", Fstab = fstab };

        var check = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        var written = await File.ReadAllTextAsync(fstab);
        await _host.ConvergeAsync(_module, parameters with { State = "absent" });

        Assert.Equal($"{fstab}: /srv/data: /dev/sdb1 /srv/data ext4 defaults 0 0 → UUID=2 /srv/data xfs noatime 0 0", Assert.Single(check.Changes).ToString());
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal("# static file system information\nUUID=1 / ext4 errors=remount-ro 0 1\nUUID=2 /srv/data xfs noatime 0 0\n", written);
        Assert.Equal("# static file system information\nUUID=1 / ext4 errors=remount-ro 0 1\n", await File.ReadAllTextAsync(fstab));
    }

    [RootFact]
    [Trait("Requires", "root")]
    public async Task Mounted_writes_the_entry_and_mounts_it_unmounted_unmounts_in_a_namespace_only()
    {
        using var mountns = new ThrowawayNamespace("mount");
        var fstab = _host.PathOf("fstab");
        var point = _host.PathOf("mnt/scratch");
        var parameters = new MountParams { Path = point, Src = "converge-scratch", Fstype = "tmpfs", Opts = "size=1m", State = "mounted", Fstab = fstab };
        IConnection Connection() => mountns.Wrap(new LocalConnection("localhost"));

        var check = await _module.CheckAsync(_host.Context(new CheckModeConnection(Connection())), parameters, CancellationToken.None);
        Assert.False(File.Exists(fstab));
        var context = _host.Context(Connection());
        await _module.ApplyAsync(context, parameters, await _module.CheckAsync(context, parameters, CancellationToken.None), CancellationToken.None);
        var again = await _module.CheckAsync(_host.Context(Connection()), parameters, CancellationToken.None);
        var unmounted = parameters with { State = "unmounted" };
        context = _host.Context(Connection());
        await _module.ApplyAsync(context, unmounted, await _module.CheckAsync(context, unmounted, CancellationToken.None), CancellationToken.None);
        var afterUnmount = await _module.CheckAsync(_host.Context(Connection()), parameters, CancellationToken.None);

        Assert.Equal([$"{fstab}: {point}: (none) → converge-scratch {point} tmpfs size=1m 0 0", $"{point}: mounted: no → yes"], check.Changes.Select(c => c.ToString()));
        Assert.False(again.IsDrift, again.Reason);
        Assert.DoesNotContain(point, await File.ReadAllTextAsync("/proc/self/mounts"));
        Assert.Equal($"{point}: mounted: no → yes", Assert.Single(afterUnmount.Changes).ToString());
    }

    [Theory]
    [InlineData("{ path: /srv, state: mounted, fstype: ext4 }", "mount: src is required with state mounted")]
    [InlineData("{ path: /srv, state: ephemeral }", "mount: state ephemeral is not supported")]
    [InlineData("{ path: srv, state: unmounted }", "mount: path must be an absolute mount point")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(ValidationProbe.Problems(_module, yaml), p => p.StartsWith(message, StringComparison.Ordinal));
    }
}
