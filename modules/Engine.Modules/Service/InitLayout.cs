namespace Converge.Modules.Service;

/// <summary>
/// Where the host's init system lives: systemd is in charge when <see cref="SystemdMarker"/> is a
/// directory (what sd_booted(3) checks); otherwise SysV scripts in <see cref="InitDirectory"/> with
/// start links in <c>RcRoot/rc[2-5].d</c>. Tests point it at a temporary tree.
/// </summary>
public sealed record InitLayout(string SystemdMarker, string InitDirectory, string RcRoot)
{
    public static InitLayout Default { get; } = new("/run/systemd/system", "/etc/init.d", "/etc");
}
