using System.Text.RegularExpressions;

namespace Converge.Modules.ServiceFacts;

/// <summary>
/// The pure half of <c>service_facts</c>: Ansible's parsing (service_facts.py, 2.14) of what the probe read, into
/// <c>ansible_facts.services</c>: name → {name, state, status, source}. The SysV scan comes first and systemd's
/// entries replace it for the same name, as Ansible updates one dictionary from each scanner in that order.
/// </summary>
public static partial class ServiceScan
{
    private static readonly HashSet<string> BadStates = ["not-found", "masked", "failed"];

    public static Dictionary<string, object?> Services(ServiceListing listing)
    {
        var services = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (listing.StatusAll is { } statusAll)
        {
            foreach (Match match in StatusAllLine().Matches(statusAll))
            {
                var name = match.Groups["name"].Value.TrimEnd('\r');
                services[name] = Entry(name, match.Groups["state"].Value == "+" ? "running" : "stopped", null, "sysv");
            }
        }

        if (listing.Units is { } units)
        {
            foreach (var line in units.Split('\n').Where(l => l.Contains(".service", StringComparison.Ordinal)))
            {
                var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                var bad = fields.FirstOrDefault(BadStates.Contains);
                string status;
                if (bad is not null)
                {
                    status = bad;
                    fields = fields[1..];
                }
                else
                {
                    status = fields[2];
                }

                services[fields[0]] = Entry(fields[0], fields[3] == "running" ? "running" : "stopped", status, "systemd");
            }
        }

        if (listing.UnitFiles is { } files)
        {
            var active = ActiveStates(listing.ActiveStates ?? string.Empty);
            foreach (var line in files.Split('\n').Where(l => l.Contains(".service", StringComparison.Ordinal)))
            {
                var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2)
                {
                    throw new Core.Diagnostics.TaskFailedException($"Malformed output discovered from systemd list-unit-files: {line}");
                }

                var (name, status) = (fields[0], fields[1]);
                if (!services.TryGetValue(name, out var known))
                {
                    services[name] = Entry(name, active.GetValueOrDefault(name) ?? "unknown", status, "systemd");
                }
                else if (known is Dictionary<string, object?> entry && !BadStates.Contains((string)entry["status"]!))
                {
                    entry["status"] = status;
                }
            }
        }

        return services;
    }

    private static Dictionary<string, object?> Entry(string name, string state, string? status, string source)
    {
        var entry = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = name, ["state"] = state };
        if (status is not null)
        {
            entry["status"] = status;
        }

        entry["source"] = source;
        return entry;
    }

    /// <summary><c>systemctl show --property=Id --property=ActiveState</c> blocks, one per unit.</summary>
    private static Dictionary<string, string> ActiveStates(string text)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        string? id = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("Id=", StringComparison.Ordinal))
            {
                id = line[3..].Trim();
            }
            else if (line.StartsWith("ActiveState=", StringComparison.Ordinal) && id is not null)
            {
                states[id] = line["ActiveState=".Length..].Trim();
            }
        }

        return states;
    }

    [GeneratedRegex(@"^\s*\[ (?<state>\+|\-) \]\s+(?<name>.+)$", RegexOptions.Multiline)]
    private static partial Regex StatusAllLine();
}
