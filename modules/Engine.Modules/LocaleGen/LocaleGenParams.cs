namespace Converge.Modules.LocaleGen;

/// <summary>Params of <c>locale_gen</c> (community.general's names): a locale generated on the host or not.</summary>
public sealed record LocaleGenParams
{
    /// <summary>The locale with its encoding, as /etc/locale.gen names it, e.g. <c>de_CH.UTF-8</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>present</c> or <c>absent</c>.</summary>
    public string State { get; init; } = "present";
}
