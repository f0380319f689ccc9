using System.Globalization;
using System.Text;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// The shell scripts behind file reads and atomic writes over an exec channel. They need a POSIX
/// <c>sh</c> and GNU coreutils (<c>stat -c</c>, <c>chmod --reference</c>, <c>sync FILE</c>), as on Debian.
/// </summary>
public static class RemoteFileScripts
{
    /// <summary>The exit status <see cref="Read"/> uses for "no such file", which <c>cat</c> itself never returns.</summary>
    public const int Missing = 3;

    public static string Read(string path)
    {
        var p = ShellQuote.Quote(path);
        return $"if [ ! -e {p} ]; then exit {Missing}; fi; exec cat -- {p}";
    }

    /// <summary>
    /// Receives <paramref name="size"/> bytes on standard input into a temp file beside <paramref name="path"/>,
    /// created with mode 0600 (umask 077) so no other user can open it while it fills, checks that all of them
    /// arrived, gives it the old file's mode, owner and group (or the requested ones; 0644 for a new file),
    /// fsyncs it, and renames it over the target with <c>mv -T</c>, which rename(2) does atomically and which
    /// replaces a symlink itself instead of moving the file into the directory it points to. If the connection
    /// drops, standard input ends early: the size check fails and the EXIT trap removes the temp file, so the
    /// target is never half-written and no temp file stays behind. The temp file is named as
    /// <see cref="AtomicFile"/> names it, and a temp file of this target left by a killed write (older than
    /// <see cref="AtomicFile.StaleAfter"/>) is removed first. A backup is copied to a temp file, fsynced and
    /// renamed too, so a full disk fails the write instead of leaving a truncated backup that looks valid. find(1) runs
    /// only when a temp file of the target is there at all (a shell glob tells), so the usual write does not pay for it.
    /// </summary>
    public static string Write(string path, long size, FileWriteOptions options, string tempSuffix, DateTime now)
    {
        var directory = path.Contains('/', StringComparison.Ordinal) ? path[..(path.LastIndexOf('/') + 1)] : string.Empty;
        var name = path[(path.LastIndexOf('/') + 1)..];
        var prefix = $".{name}{AtomicFile.TempMarker}";
        var script = new StringBuilder()
            .Append("p=").Append(ShellQuote.Quote(path)).Append('\n')
            .Append("t=").Append(ShellQuote.Quote($"{directory}{prefix}{tempSuffix}")).Append('\n')
            .Append("trap 'rm -f -- \"$t\" \"$t.b\"' EXIT\n")
            .Append("trap 'exit 1' HUP INT TERM PIPE\n")
            .Append("umask 077\n")
            .Append("for f in ").Append(ShellQuote.Quote(directory + prefix)).Append("*; do [ -e \"$f\" ] && ")
            .Append("find ").Append(ShellQuote.Quote(directory.Length == 0 ? "." : directory)).Append(" -maxdepth 1 -name ")
            .Append(ShellQuote.Quote(GlobEscape(prefix) + "*")).Append(CultureInfo.InvariantCulture, $" -mmin +{(int)AtomicFile.StaleAfter.TotalMinutes} -exec rm -f -- {{}} + 2>/dev/null; break; done\n")
            .Append("cat > \"$t\" || exit 1\n")
            .Append("n=$(stat -c %s -- \"$t\") || exit 1\n")
            .Append(CultureInfo.InvariantCulture, $"if [ \"$n\" != {size} ]; then echo \"converge: transfer to $p ended after $n of {size} bytes; $p is unchanged\" >&2; exit 1; fi\n")
            .Append(options.Mode is null
                ? "if [ -e \"$p\" ]; then chown --reference=\"$p\" -- \"$t\" && chmod --reference=\"$p\" -- \"$t\" || exit 1; else chmod 644 -- \"$t\" || exit 1; fi\n"
                : "if [ -e \"$p\" ]; then chown --reference=\"$p\" -- \"$t\" || exit 1; fi\n");
        if (options.Owner is not null)
        {
            var owner = options.Owner + (options.Group is null ? string.Empty : ":" + options.Group);
            script.Append("chown ").Append(ShellQuote.Quote(owner)).Append(" -- \"$t\" || exit 1\n");
        }
        else if (options.Group is not null)
        {
            script.Append("chgrp ").Append(ShellQuote.Quote(options.Group)).Append(" -- \"$t\" || exit 1\n");
        }

        // After chown, which clears the set-id bits. A requested mode is the only chmod (each process costs a host 1-2 ms).
        if (options.Mode is { } mode)
        {
            script.Append("chmod ").Append(Convert.ToString(mode & 0xFFF, 8)).Append(" -- \"$t\" || exit 1\n");
        }

        if (options.Backup)
        {
            var backup = ShellQuote.Quote($"{path}.converge-{now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}~");
            script.Append("if [ -e \"$p\" ]; then { cp -p -- \"$p\" \"$t.b\" && sync -- \"$t.b\" && mv -fT -- \"$t.b\" ").Append(backup)
                .Append("; } || { echo \"converge: cannot back up $p; $p is unchanged\" >&2; exit 1; }; fi\n");
        }

        // sync FILE fsyncs just that file (GNU coreutils 8.24+); older versions sync everything, which is also safe.
        return script
            .Append("sync -- \"$t\" 2>/dev/null || sync\n")
            .Append("mv -fT -- \"$t\" \"$p\" || exit 1\n")
            .Append("trap - EXIT\n")
            .ToString();
    }

    /// <summary>Escapes the characters <c>find -name</c> treats as a pattern, so a file name matches only itself.</summary>
    private static string GlobEscape(string name)
    {
        var escaped = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
