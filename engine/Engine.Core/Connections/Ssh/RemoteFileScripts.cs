using System.Globalization;
using System.Text;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// The shell scripts behind file reads and atomic writes over an exec channel. They need a POSIX
/// <c>sh</c> and GNU coreutils (<c>dd iflag=count_bytes</c>, <c>chmod --reference</c>, <c>sync FILE</c> for backups), as on Debian.
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
    /// The line the controller sends right after a write's content (<see cref="Write"/>): reading it back at that
    /// position proves that all of the content arrived, without a <c>stat</c> of the temp file.
    /// </summary>
    public static ReadOnlyMemory<byte> EndOfContent { get; } = "converge-end-of-content\n"u8.ToArray();

    /// <summary>
    /// Receives <paramref name="size"/> bytes on standard input, followed by <see cref="EndOfContent"/>, into a temp
    /// file beside <paramref name="path"/>. The shell opens the temp file first, with mode 0600 (umask 077) so no
    /// other user can open it while it fills, then gives it the old file's mode, owner and group (or the requested
    /// ones), so the file has its final mode before any content or the rename; writing through the descriptor opened
    /// before the chmod still works when that mode forbids the owner to write. A new file without a requested mode
    /// is instead created under umask 022, which gives it its final mode 0644 at once (0666 masked by the umask, as
    /// Ansible's new files get under the usual umask) without a <c>chmod</c>: it would be 0644 before any content
    /// anyway, so nobody can read more of it than with the chmod. In a directory with a default ACL the ACL decides
    /// that mode instead of the umask, as for any program creating a file there (cp, an editor); a requested mode is
    /// always set with <c>chmod</c> on a 0600 temp file, so a default ACL never widens a secret's mode. One <c>dd</c>
    /// copies exactly <paramref name="size"/> bytes (GNU dd's <c>count_bytes</c> never reads past them, so the end
    /// line stays on standard input) and fsyncs the file, data and mode. The builtin <c>read</c> must then read the
    /// end line: if the connection dropped, standard input ended early, that check fails and the EXIT trap removes
    /// the temp file, so the target is never half-written and no temp file stays behind. Last, <c>mv -T</c> renames
    /// it over the target, which rename(2) does atomically and which replaces a symlink itself instead of moving the
    /// file into the directory it points to. A new file without a requested mode, owner or group therefore costs
    /// <c>dd</c> and <c>mv</c> (it was <c>cat</c>, <c>stat</c>, <c>chmod</c>, <c>sync</c> and <c>mv</c>, then
    /// <c>dd</c>, <c>chmod</c> and <c>mv</c>). The script reads exactly its input and exits 0 only once it read the
    /// end line, so the persistent shell may hand it its own standard input (<see cref="PersistentShellScript"/>).
    /// The temp file is named as <see cref="AtomicFile"/> names it, and a temp file of this target left by
    /// a killed write (older than <see cref="AtomicFile.StaleAfter"/>) is removed first. A backup is copied to a temp
    /// file, fsynced and renamed too, so a full disk fails the write instead of leaving a truncated backup that looks
    /// valid. find(1) runs only when a temp file of the target is there at all (a shell glob tells), so the usual
    /// write does not pay for it.
    /// </summary>
    public static string Write(string path, long size, FileWriteOptions options, string tempSuffix, DateTime now)
    {
        var directory = path.Contains('/', StringComparison.Ordinal) ? path[..(path.LastIndexOf('/') + 1)] : string.Empty;
        var name = path[(path.LastIndexOf('/') + 1)..];
        var prefix = $".{name}{AtomicFile.TempMarker}";
        var end = Encoding.ASCII.GetString(EndOfContent.Span).TrimEnd('\n');
        var script = new StringBuilder()
            .Append("p=").Append(ShellQuote.Quote(path)).Append('\n')
            .Append("t=").Append(ShellQuote.Quote($"{directory}{prefix}{tempSuffix}")).Append('\n')
            .Append("trap 'rm -f -- \"$t\" \"$t.b\"' EXIT\n")
            .Append("trap 'exit 1' HUP INT TERM PIPE\n")
            .Append("for f in ").Append(ShellQuote.Quote(directory + prefix)).Append("*; do [ -e \"$f\" ] && ")
            .Append("find ").Append(ShellQuote.Quote(directory.Length == 0 ? "." : directory)).Append(" -maxdepth 1 -name ")
            .Append(ShellQuote.Quote(GlobEscape(prefix) + "*")).Append(CultureInfo.InvariantCulture, $" -mmin +{(int)AtomicFile.StaleAfter.TotalMinutes} -exec rm -f -- {{}} + 2>/dev/null; break; done\n")

            // A redirection error of `exec` ends this (sub)shell with its message, as the failed write it is.
            .Append(options.Mode is null
                ? "if [ -e \"$p\" ]; then umask 077; exec 3>\"$t\" || exit 1; chown --reference=\"$p\" -- \"$t\" && chmod --reference=\"$p\" -- \"$t\" || exit 1; else umask 022; exec 3>\"$t\" || exit 1; fi\n"
                : "umask 077\nexec 3>\"$t\" || exit 1\nif [ -e \"$p\" ]; then chown --reference=\"$p\" -- \"$t\" || exit 1; fi\n");
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
        // It stays even where the umask could create the file with that mode: a default ACL on the directory overrides
        // the umask, and would leave a secret's temp file (and then the file) readable by others.
        if (options.Mode is { } mode)
        {
            script.Append("chmod ").Append(Convert.ToString(mode & 0xFFF, 8)).Append(" -- \"$t\" || exit 1\n");
        }

        script
            .Append(CultureInfo.InvariantCulture, $"dd bs=64K iflag=count_bytes,fullblock count={size} conv=fsync status=none >&3 || exit 1\n")
            .Append("exec 3>&-\n")
            .Append(CultureInfo.InvariantCulture, $"IFS= read -r converge_end || :; if [ \"$converge_end\" != {end} ]; then echo \"converge: the transfer to $p ended before its {size} bytes arrived; $p is unchanged\" >&2; exit 1; fi\n");
        if (options.Backup)
        {
            var backup = ShellQuote.Quote($"{path}.converge-{now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}~");
            script.Append("if [ -e \"$p\" ]; then { cp -p -- \"$p\" \"$t.b\" && sync -- \"$t.b\" && mv -fT -- \"$t.b\" ").Append(backup)
                .Append("; } || { echo \"converge: cannot back up $p; $p is unchanged\" >&2; exit 1; }; fi\n");
        }

        return script
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
