namespace Converge.Modules.LocaleGen;

/// <summary>
/// What the host says about locales: <see cref="Mode"/> is <c>debian</c> (/etc/locale.gen), <c>ubuntu</c>
/// (/var/lib/locales/supported.d) or <c>none</c> (the locales package is missing); the list of locales available to
/// generate (/etc/locale.gen's text, or /usr/share/i18n/SUPPORTED on Ubuntu) and those generated (<c>locale -a</c>).
/// </summary>
public sealed record LocaleState(string Mode, string Available, IReadOnlyList<string> Generated);
