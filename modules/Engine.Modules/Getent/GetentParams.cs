namespace Converge.Modules.Getent;

/// <summary>Params of <c>getent</c> (ansible.builtin.getent, Ansible's names and defaults): one NSS database read into facts.</summary>
public sealed record GetentParams
{
    /// <summary>The database (<c>passwd</c>, <c>group</c>, <c>hosts</c>, <c>services</c>…, as getent(1) names them).</summary>
    public required string Database { get; init; }

    /// <summary>One key to look up; without it the whole database is enumerated.</summary>
    public string? Key { get; init; }

    /// <summary>The NSS service to ask (<c>getent -s</c>), e.g. <c>files</c>.</summary>
    public string? Service { get; init; }

    /// <summary>The field separator; default <c>:</c> for passwd, shadow, group and gshadow, else runs of whitespace.</summary>
    public string? Split { get; init; }

    /// <summary>Fail when the key is missing (getent exits 2); false records the key with a null value instead.</summary>
    public bool FailKey { get; init; } = true;
}
