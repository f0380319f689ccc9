namespace Converge.Modules.Pip;

/// <summary>
/// What the probe found: whether the virtualenv exists (null without one), the pip command it resolved (empty while
/// the virtualenv is still to be made), and the installed distributions by canonical name with their versions.
/// </summary>
public sealed record PipEnvironment(bool? VirtualenvExists, IReadOnlyList<string> Pip, IReadOnlyDictionary<string, string> Installed);
