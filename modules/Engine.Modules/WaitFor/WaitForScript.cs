using System.Globalization;
using Converge.Core.Connections;

namespace Converge.Modules.WaitFor;

/// <summary>
/// The condition as a bash script run on the host (as Ansible's module runs there): a TCP connect through
/// bash's /dev/tcp, a file test, grep -E, or <c>ss</c> for established connections. <c>once</c> says whether it
/// holds now (the check's probe); otherwise it waits delay, then polls every sleep until it holds or timeout.
/// </summary>
public static class WaitForScript
{
    private const string Script =
        """
        mode=$1 host=$2 port=$3 path=$4 regex=$5 ct=$6 once=$7 limit=$8 delay=$9 pause=${10}
        connect() { timeout "$ct" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null; }
        check() {
          case "$mode" in
            started|present)
              if [ -n "$path" ]; then [ -e "$path" ] || return 1; [ -z "$regex" ] || grep -Eq -- "$regex" "$path"; return; fi
              [ -n "$port" ] || return 1
              if [ -z "$regex" ]; then connect; return; fi
              timeout "$ct" bash -c 'exec 3<>"/dev/tcp/$0/$1" && grep -Eq -m1 -- "$2" <&3' "$host" "$port" "$regex" 2>/dev/null ;;
            stopped|absent)
              if [ -n "$path" ]; then [ ! -e "$path" ]; return; fi
              [ -n "$port" ] || return 1
              ! connect ;;
            drained)
              [ -z "$(ss -Htn state established "( sport = :$port )" 2>/dev/null)" ] ;;
            sleep) return 1 ;;
          esac
        }
        if [ "$once" = yes ]; then if check; then echo holds=yes; else echo holds=no; fi; exit 0; fi
        sleep "$delay"
        start=$(date +%s)
        while :; do
          if check; then echo "elapsed=$(( $(date +%s) - start + delay ))"; exit 0; fi
          now=$(date +%s)
          if [ $(( now - start )) -ge "$limit" ]; then
            [ "$mode" = sleep ] && { echo "elapsed=$(( now - start + delay ))"; exit 0; }
            exit 3
          fi
          sleep "$pause"
        done
        """;

    public static CommandSpec Command(WaitForParams parameters, bool once)
    {
        var mode = parameters.Port is null && parameters.Path is null ? "sleep" : parameters.State;
        string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
        return new CommandSpec("bash", ["-c", Script, "converge-wait-for", mode, parameters.Host, parameters.Port is { } port ? Text(port) : string.Empty,
            parameters.Path ?? string.Empty, parameters.SearchRegex ?? string.Empty, Text(parameters.ConnectTimeout), once ? "yes" : "no",
            Text(parameters.Timeout), Text(parameters.Delay), Text(parameters.Sleep)])
        {
            Kind = once ? CommandKind.Probe : CommandKind.Change,
            Timeout = once ? TimeSpan.FromSeconds(parameters.ConnectTimeout + 10) : TimeSpan.FromSeconds(parameters.Timeout + parameters.Delay + parameters.ConnectTimeout + 30),
        };
    }
}
