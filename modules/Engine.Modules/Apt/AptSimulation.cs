namespace Converge.Modules.Apt;

/// <summary>What <c>apt-get -s</c> says an operation would do: packages installed or upgraded (with old and new version) and removed.</summary>
public sealed record AptSimulation(IReadOnlyList<AptSimulation.Step> Installs, IReadOnlyList<AptSimulation.Step> Removes)
{
    public bool IsEmpty => Installs.Count == 0 && Removes.Count == 0;

    /// <summary>One package: its version before (null: not installed) and after (null: removed).</summary>
    public sealed record Step(string Package, string? Before, string? After);

    /// <summary>
    /// Parses apt-get's simulation lines (apt-get(8), -s): <c>Inst pkg [old] (new Release [arch])</c> and
    /// <c>Remv pkg [old]</c>; every other line (Conf, notes, the summary) is ignored.
    /// </summary>
    public static AptSimulation Parse(string stdout)
    {
        var installs = new List<Step>();
        var removes = new List<Step>();
        foreach (var raw in stdout.Split('\n'))
        {
            var words = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || words[0] is not ("Inst" or "Remv"))
            {
                continue;
            }

            var before = words.Length > 2 && words[2].StartsWith('[') ? words[2].Trim('[', ']') : null;
            if (words[0] == "Remv")
            {
                removes.Add(new Step(words[1], before, null));
                continue;
            }

            var open = Array.FindIndex(words, w => w.StartsWith('('));
            installs.Add(new Step(words[1], before, open < 0 ? "new" : words[open].TrimStart('(')));
        }

        return new AptSimulation(installs, removes);
    }
}
