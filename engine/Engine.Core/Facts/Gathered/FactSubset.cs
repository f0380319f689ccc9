namespace Converge.Core.Facts.Gathered;

/// <summary>
/// The parts of Ansible's <c>setup</c> facts Converge gathers, each one section of the probe script.
/// Names follow <c>gather_subset</c> (platform, distribution, hardware, network, env, user, date_time,
/// python, service_mgr, pkg_mgr, lsb, local, mounts).
/// </summary>
[Flags]
public enum FactSubset
{
    None = 0,
    Platform = 1,
    Distribution = 2,
    Hardware = 4,
    Network = 8,
    Env = 16,
    User = 32,
    DateTime = 64,
    Python = 128,
    ServiceMgr = 256,
    PkgMgr = 512,
    Lsb = 1024,
    Local = 2048,
    Mounts = 4096,

    /// <summary>Ansible's <c>min</c>: everything but hardware, network and mounts.</summary>
    Min = Platform | Distribution | Env | User | DateTime | Python | ServiceMgr | PkgMgr | Lsb | Local,

    All = Min | Hardware | Network | Mounts,
}
