using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Accounts;

/// <summary>
/// One probe for a user or group name: its passwd line, its lock state and the sha256 of its shadow hash
/// (so no hash is ever printed or sent back), the whole group file, and, when a key file is named, whether
/// the user's SSH key exists and its public half. Files are read directly (Debian's local accounts).
/// </summary>
public sealed class AccountFact(string name, AccountLayout layout, string? keyFile = null) : Fact<AccountEntries>
{
    private const string Script =
        """
        p=$1 n=$2 k=$3
        awk -F: -v n="$n" '$1==n {print "passwd=" $0; exit}' "$p/etc/passwd" || exit 2
        if [ -r "$p/etc/shadow" ]; then
          h=$(awk -F: -v n="$n" '$1==n {print $2; exit}' "$p/etc/shadow")
          case "$h" in '!'*) echo locked=yes; h=${h#!} ;; *) echo locked=no ;; esac
          case "$h" in ''|'*'|'!'*) ;; *) echo "digest=$(printf %s "$h" | sha256sum | cut -d' ' -f1)" ;; esac
        else
          echo shadow=unreadable
        fi
        sed 's/^/group=/' "$p/etc/group" || exit 2
        if [ -n "$k" ]; then
          home=$(awk -F: -v n="$n" '$1==n {print $6; exit}' "$p/etc/passwd")
          case "$k" in /*) f="$p$k" ;; *) f="$p$home/$k" ;; esac
          if [ -n "$home" ] && [ -e "$f" ]; then echo key=yes; [ -r "$f.pub" ] && echo "pubkey=$(cat "$f.pub")"; fi
        fi
        exit 0
        """;

    public override CommandSpec Command => CommandSpec.Probe("/bin/sh", "-c", Script, "converge-account-fact", layout.Prefix, name, keyFile ?? string.Empty);

    public override AccountEntries Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot read the account databases for {name}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        IReadOnlyList<string>? passwd = null;
        var locked = false;
        var readable = true;
        var key = false;
        string? digest = null;
        string? publicKey = null;
        var groups = new List<AccountGroup>();
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (field, value) = line.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (line[..at], line[(at + 1)..]) : (line, string.Empty);
            switch (field)
            {
                case "passwd" when value.Split(':') is { Length: 7 } fields:
                    passwd = fields;
                    break;
                case "locked":
                    locked = value == "yes";
                    break;
                case "digest":
                    digest = value;
                    break;
                case "shadow":
                    readable = false;
                    break;
                case "group" when value.Split(':') is { Length: 4 } fields:
                    groups.Add(new AccountGroup(fields[0], fields[2], fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries)));
                    break;
                case "key":
                    key = true;
                    break;
                case "pubkey":
                    publicKey = value;
                    break;
            }
        }

        return new AccountEntries(passwd, locked, digest, groups) { ShadowReadable = readable, KeyExists = key, PublicKey = publicKey };
    }

    /// <summary>The digest the probe prints for a hash, to compare a desired hash without sending it to the host.</summary>
    public static string Digest(string hash) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(hash)));
}
