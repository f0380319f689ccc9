namespace Converge.Modules.Accounts;

/// <summary>
/// Where the account databases live: <see cref="Prefix"/> is empty on a real host; tests give a folder with
/// its own <c>etc/passwd</c>, <c>group</c>, <c>shadow</c>, and the shadow tools run with <c>--prefix</c>
/// (<c>chpasswd</c>, which has no prefix option, with <c>--root</c>), so real <c>useradd</c> runs without
/// touching the machine's accounts.
/// </summary>
public sealed record AccountLayout(string Prefix)
{
    public static AccountLayout Default { get; } = new(string.Empty);

    /// <summary>The shadow tools' arguments that point them at <see cref="Prefix"/>.</summary>
    public IReadOnlyList<string> PrefixArguments => Prefix.Length == 0 ? [] : ["--prefix", Prefix];

    /// <summary>A host path under <see cref="Prefix"/>.</summary>
    public string PathOf(string path) => Prefix.TrimEnd('/') + path;
}
