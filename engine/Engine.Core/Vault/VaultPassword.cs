using Converge.Core.Secrets;

namespace Converge.Core.Vault;

/// <summary>
/// One vault password with its vault id (Ansible's <c>--vault-id label@source</c>; <c>default</c> when
/// none is given) and where it came from, for messages.
/// </summary>
public sealed record VaultPassword(string Label, Secret Password, string Source)
{
    /// <summary>The label Ansible gives a password that was passed without one.</summary>
    public const string DefaultLabel = "default";
}
