using Converge.Core.Graph;
using Converge.Core.Playbooks;

namespace Converge.Core.Running;

/// <summary>What to load: a playbook, inventories (files or directories), extra vars, limit and tags.</summary>
public sealed record RunRequest
{
    public required string Playbook { get; init; }

    public required IReadOnlyList<string> Inventories { get; init; }

    /// <summary>Raw <c>-e</c> arguments: <c>key=value</c>, <c>@file.yml</c> or inline JSON/YAML.</summary>
    public IReadOnlyList<string> ExtraVars { get; init; } = [];

    /// <summary>Host variables below the inventory's (what ansible.cfg's remote_user, private_key_file and become* imply).</summary>
    public IReadOnlyDictionary<string, object?> HostDefaults { get; init; } = new Dictionary<string, object?>();

    /// <summary>Asks a <c>vars_prompt</c> question on the terminal; null (or returning null) where there is none.</summary>
    public Func<VarsPrompt, string?>? Ask { get; init; }

    /// <summary>A host pattern that further limits every play (<c>--limit</c>).</summary>
    public string? Limit { get; init; }

    public TaskFilter Filter { get; init; } = TaskFilter.All;

    /// <summary>Folders roles are looked up in after the playbook's <c>roles/</c> (<c>-r</c>, then <c>ansible.cfg</c>'s <c>roles_path</c>).</summary>
    public IReadOnlyList<string> RolesPath { get; init; } = [];

    /// <summary>The vault passwords that open vaulted files and <c>!vault</c> values.</summary>
    public Vault.VaultKeyring Vault { get; init; } = Core.Vault.VaultKeyring.Empty;
}
