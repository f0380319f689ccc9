using System.Net;

namespace Converge.Lab;

/// <summary>
/// Picks the lab's <c>10.222.X.0/24</c>: the same X for the same name when it is free (users remember
/// addresses), otherwise the next free one; never one another lab holds or one that overlaps a route
/// or address the machine already has.
/// </summary>
public static class LabSubnetChooser
{
    public static int Choose(string labName, IReadOnlySet<int> takenByLabs, IEnumerable<string> machinePrefixes)
    {
        var prefixes = machinePrefixes.Select(Parse).OfType<IPNetwork>().ToList();
        var start = StableHash(labName) % 254;
        for (var i = 0; i < 254; i++)
        {
            var index = (start + i) % 254 + 1;
            if (takenByLabs.Contains(index))
            {
                continue;
            }

            var candidate = new IPNetwork(IPAddress.Parse($"10.222.{index}.0"), 24);
            if (!prefixes.Any(p => Overlaps(candidate, p)))
            {
                return index;
            }
        }

        throw new LabException("no free 10.222.X.0/24 left for a lab: tear a lab down first (`converge lab down --name NAME`)");
    }

    private static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    // A default route (0.0.0.0/0) overlaps everything but takes no address; routes are exact
    // prefixes and bare addresses count as /32.
    private static IPNetwork? Parse(string prefix) =>
        IPNetwork.TryParse(prefix.Contains('/', StringComparison.Ordinal) ? prefix : prefix + "/32", out var network) && network.PrefixLength > 0
            ? network
            : null;

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }

        return hash & int.MaxValue;
    }
}
