using Converge.Core.Modules;

namespace Converge.Modules.Package;

/// <summary>Params of <c>package</c>, Ansible's package-manager-neutral module: it runs <c>apt</c> on Debian-family hosts.</summary>
public sealed record PackageParams
{
    [ParamAlias("pkg")]
    public required IReadOnlyList<string> Name { get; init; }

    /// <summary><c>present</c> (default), <c>absent</c> or <c>latest</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary><c>auto</c> (default) or <c>apt</c>: the only manager Converge drives.</summary>
    public string Use { get; init; } = "auto";
}
