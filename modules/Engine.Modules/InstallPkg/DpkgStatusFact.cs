using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.InstallPkg;

/// <summary>
/// The dpkg state of several packages in one probe: one <c>dpkg-query -W</c> for all of them (exit 1 only
/// means some are unknown, see dpkg-query(1)), the sha256 recorded for each by earlier <c>.deb</c>
/// installs, and on request apt's candidate versions, the age of the apt lists, and which of the packages apt marks
/// as automatically installed (read from apt's <c>extended_states</c> with the shell's own read loop, no program run).
/// </summary>
public sealed class DpkgStatusFact(IReadOnlyList<string> packages, string recordDirectory, bool candidates, bool cacheAge, bool autoMarks = false) : Fact<DpkgStatus>
{
    private const string Script =
        """
        dir=$1; want_candidates=$2; want_cache=$3; want_auto=$4; shift 4
        if [ "$#" -gt 0 ]; then
          dpkg-query -W -f='pkg\t${Package}\t${Architecture}\t${Version}\t${db:Status-Status}\n' "$@" 2>/dev/null
          rc=$?; [ "$rc" -le 1 ] || exit 10
          for p in "$@"; do
            f="$dir/${p%%:*}.sha256"
            if [ -r "$f" ]; then printf 'sha256\t%s\t%s\n' "${p%%:*}" "$(cat "$f")"; fi
          done
          if [ "$want_candidates" = 1 ]; then
            LC_ALL=C apt-cache policy "$@" 2>/dev/null | awk '/^[^ ]/ { sub(":$", "", $1); p=$1 } /^  Candidate:/ { printf "candidate\t%s\t%s\n", p, $2 }'
          fi
          if [ "$want_auto" = 1 ] && [ -r /var/lib/apt/extended_states ]; then
            p=
            while IFS= read -r l; do
              case $l in
                "Package: "*) p=${l#Package: } ;;
                "Auto-Installed: 1") for q in "$@"; do [ "${q%%:*}" = "$p" ] && printf 'auto\t%s\n' "$p"; done ;;
              esac
            done < /var/lib/apt/extended_states
          fi
        fi
        if [ "$want_cache" = 1 ]; then
          stamp=/var/lib/apt/periodic/update-success-stamp; [ -e "$stamp" ] || stamp=/var/lib/apt/lists
          if [ -e "$stamp" ]; then printf 'cache_age\t%s\n' "$(( $(date +%s) - $(stat -c %Y "$stamp") ))"; fi
        fi
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe(
        "/bin/sh", ["-c", Script, "converge-dpkg-status", recordDirectory, candidates ? "1" : "0", cacheAge ? "1" : "0", autoMarks ? "1" : "0", .. packages]);

    public override DpkgStatus Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot read the dpkg status of {string.Join(", ", packages)}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        return ParseOutput(result.Stdout);
    }

    /// <summary>The pure parser, tested from recorded output.</summary>
    public static DpkgStatus ParseOutput(string stdout)
    {
        var found = new Dictionary<string, InstalledPackage>(StringComparer.Ordinal);
        var shas = new Dictionary<string, string>(StringComparer.Ordinal);
        var candidates = new Dictionary<string, string>(StringComparer.Ordinal);
        long? cacheAge = null;
        var auto = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.TrimEnd('\r').Split('\t');
            switch (fields[0])
            {
                case "pkg" when fields.Length >= 5:
                    var package = new InstalledPackage(fields[1], fields[3], fields[2], fields[4]);

                    // A multi-arch package may be known for several architectures; the installed one wins.
                    if (!found.TryGetValue(package.Name, out var other) || (!other.IsInstalled && package.IsInstalled))
                    {
                        found[package.Name] = package;
                    }

                    break;
                case "sha256" when fields.Length >= 3:
                    shas[fields[1]] = fields[2].Trim();
                    break;
                case "candidate" when fields.Length >= 3 && fields[2] != "(none)":
                    candidates[fields[1]] = fields[2];
                    break;
                case "auto" when fields.Length >= 2:
                    auto.Add(fields[1]);
                    break;
                case "cache_age" when fields.Length >= 2 && long.TryParse(fields[1], out var age):
                    cacheAge = age;
                    break;
            }
        }

        foreach (var (name, sha) in shas)
        {
            found[name] = found.TryGetValue(name, out var package)
                ? package with { RecordedSha256 = sha }
                : new InstalledPackage(name, string.Empty, string.Empty, "not-installed") { RecordedSha256 = sha };
        }

        return new DpkgStatus(found, candidates, cacheAge) { AutoInstalled = auto };
    }
}
