using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.ServiceFacts;

/// <summary>
/// One probe for <c>service_facts</c>, running what Ansible's module runs (its ServiceScanService and
/// SystemctlScanService) and printing each output under a marker line. systemd counts only when PID 1 is systemd
/// (Ansible reads /proc/1/comm). The ActiveState of every unit file is read in one <c>systemctl show</c>, where Ansible
/// asks once per unit file missing from the unit list; template units (<c>x@.service</c>) have none to show.
/// </summary>
public sealed class ServiceListingFact : Fact<ServiceListing>
{
    public const string StatusAllMarker = "#converge-service-status-all";
    public const string UnitsMarker = "#converge-systemd-units";
    public const string FilesMarker = "#converge-systemd-unit-files";
    public const string ActiveMarker = "#converge-systemd-active";

    private const string Script =
        """
        if command -v service >/dev/null && ! command -v chkconfig >/dev/null && ! command -v rc-status >/dev/null; then
          echo "#converge-service-status-all"
          service --status-all 2>/dev/null </dev/null
        fi
        if grep -q systemd /proc/1/comm 2>/dev/null && command -v systemctl >/dev/null; then
          echo "#converge-systemd-units"
          systemctl list-units --no-pager --type service --all
          echo "#converge-systemd-unit-files"
          files=$(systemctl list-unit-files --no-pager --type service --all)
          printf '%s\n' "$files"
          echo "#converge-systemd-active"
          printf '%s\n' "$files" | awk '/\.service/ && $1 !~ /@\.service$/ { print $1 }' | xargs -r systemctl show --property=Id --property=ActiveState --
        fi
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-service-facts") with { Timeout = TimeSpan.FromMinutes(2) };

    public override ServiceListing Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException("cannot list the host's services", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var sections = new Dictionary<string, System.Text.StringBuilder>(StringComparer.Ordinal);
        System.Text.StringBuilder? current = null;
        foreach (var line in result.Stdout.Split('\n'))
        {
            if (line is StatusAllMarker or UnitsMarker or FilesMarker or ActiveMarker)
            {
                current = sections[line] = new System.Text.StringBuilder();
                continue;
            }

            current?.Append(line).Append('\n');
        }

        string? Get(string marker) => sections.TryGetValue(marker, out var text) ? text.ToString() : null;
        return new ServiceListing(Get(StatusAllMarker), Get(UnitsMarker), Get(FilesMarker), Get(ActiveMarker));
    }
}
