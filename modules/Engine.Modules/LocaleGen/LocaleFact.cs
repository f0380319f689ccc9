using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.LocaleGen;

/// <summary>The locales a host can generate and has generated, in one probe (sections split by NUL).</summary>
public sealed class LocaleFact : Fact<LocaleState>
{
    private const string Script =
        """
        if [ -d /var/lib/locales/supported.d ]; then printf 'ubuntu\0'; cat /usr/share/i18n/SUPPORTED 2>/dev/null
        elif [ -f /etc/locale.gen ]; then printf 'debian\0'; cat /etc/locale.gen
        else printf 'none\0'; fi
        printf '\0'
        locale -a 2>/dev/null
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-locale-fact");

    public override LocaleState Parse(CommandResult result)
    {
        var sections = result.Stdout.Split('\0');
        if (!result.Succeeded || sections.Length < 3)
        {
            throw new TaskFailedException("locale_gen: cannot read the host's locales", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        return new LocaleState(sections[0], sections[1], sections[2].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
