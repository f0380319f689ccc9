using Converge.Core.Modules;

namespace Converge.Modules.Pip;

/// <summary>
/// The pure half of <c>pip</c>: the plan from params and what the probe listed. As Ansible's check: <c>present</c> and
/// <c>absent</c> compare each plain requirement with what pip lists; <c>latest</c>, <c>forcereinstall</c>, a
/// requirements file, <c>editable</c> and a path or URL are always a change (pip decides when it runs); a virtualenv
/// still to be made is a change, with every package to install in it.
/// </summary>
public static class PipPlanner
{
    public static Plan PlanFor(PipParams parameters, PipEnvironment environment)
    {
        var changes = new List<Change>();
        var synced = new List<string>();
        if (environment.VirtualenvExists is false)
        {
            changes.Add(new Change($"virtualenv {parameters.Virtualenv}", "absent", "created"));
        }

        if (parameters.Requirements is { } file)
        {
            changes.Add(new Change($"requirements {file}", null, parameters.State == "absent" ? "uninstalled" : $"pip {Verb(parameters.State)}"));
        }

        foreach (var requirement in Requirements(parameters))
        {
            var installed = requirement.Name is { } name ? environment.Installed.GetValueOrDefault(name) : null;
            var subject = $"pip {requirement.Name ?? requirement.Text}";
            if (!requirement.IsPlain || parameters.Editable || parameters.State is "latest" or "forcereinstall")
            {
                changes.Add(new Change(subject, installed ?? (requirement.IsPlain ? "not installed" : null), parameters.State == "absent" ? "absent" : $"pip {Verb(parameters.State)}"));
            }
            else if (parameters.State == "absent")
            {
                if (installed is not null)
                {
                    changes.Add(new Change(subject, installed, "absent"));
                }
                else
                {
                    synced.Add($"{requirement.Name} is not installed");
                }
            }
            else if (installed is null || !requirement.IsSatisfiedBy(installed))
            {
                changes.Add(new Change(subject, installed ?? "not installed", requirement.HasSpecifier ? requirement.Text : "present"));
            }
            else
            {
                synced.Add($"{requirement.Name} {installed} is installed");
            }
        }

        var output = Output(parameters);
        return changes.Count == 0
            ? Plan.InSync(string.Join("; ", synced)) with { Output = output }
            : Plan.Drift(changes) with { State = environment, Output = output };
    }

    /// <summary>The named requirements, <c>version</c> folded into the one name as Ansible does.</summary>
    public static IReadOnlyList<PipRequirement> Requirements(PipParams parameters) =>
        parameters.Name is not { Count: > 0 } names ? []
        : parameters.Version is { } version ? [PipRequirement.Parse(names[0], version)]
        : [.. names.Select(n => PipRequirement.Parse(n))];

    /// <summary>pip's words for the state (Ansible's state_map).</summary>
    public static IReadOnlyList<string> StateArguments(string state) => state switch
    {
        "absent" => ["uninstall", "-y"],
        "latest" => ["install", "-U"],
        "forcereinstall" => ["install", "-U", "--force-reinstall"],
        _ => ["install"],
    };

    private static string Verb(string state) => string.Join(' ', StateArguments(state));

    private static Dictionary<string, object?> Output(PipParams parameters) => new(StringComparer.Ordinal)
    {
        ["name"] = parameters.Name,
        ["version"] = parameters.Version,
        ["state"] = parameters.State,
        ["requirements"] = parameters.Requirements,
        ["virtualenv"] = parameters.Virtualenv,
    };
}
