namespace Converge.Modules.Modprobe;

/// <summary>
/// A kernel module on the host: <see cref="Loaded"/> (null when the host shows no /proc/modules), the modules-load.d
/// files that load it at boot, and its <c>options</c> parameters in modprobe.d.
/// </summary>
public sealed record ModprobeState(bool? Loaded, IReadOnlyList<string> LoadFiles, IReadOnlySet<string> Params);
