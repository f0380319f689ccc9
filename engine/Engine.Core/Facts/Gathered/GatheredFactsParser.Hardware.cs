using System.Globalization;

namespace Converge.Core.Facts.Gathered;

/// <summary>Memory, processors and mounts, as ansible/module_utils/facts/hardware/linux.py reads them.</summary>
public static partial class GatheredFactsParser
{
    private static void Memory(List<string> meminfo, Dictionary<string, object?> facts)
    {
        var kb = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in meminfo)
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && long.TryParse(parts[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var value))
            {
                kb[parts[0].Trim()] = value / 1024;
            }
        }

        long? Mb(string key) => kb.TryGetValue(key, out var v) ? v : null;
        facts["memtotal_mb"] = Mb("MemTotal");
        facts["memfree_mb"] = Mb("MemFree");
        facts["swaptotal_mb"] = Mb("SwapTotal");
        facts["swapfree_mb"] = Mb("SwapFree");
        var (total, free, buffers, cached) = (Mb("MemTotal") ?? 0, Mb("MemFree") ?? 0, Mb("Buffers") ?? 0, Mb("Cached") ?? 0);
        facts["memory_mb"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["real"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["total"] = total, ["free"] = free, ["used"] = total - free },
            ["nocache"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["free"] = cached + free + buffers, ["used"] = total - (cached + free + buffers) },
            ["swap"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["total"] = Mb("SwapTotal"), ["free"] = Mb("SwapFree"), ["used"] = (Mb("SwapTotal") ?? 0) - (Mb("SwapFree") ?? 0), ["cached"] = Mb("SwapCached"),
            },
        };
    }

    /// <summary>The x86/ARM path of LinuxHardware.get_cpu_facts, its quirks included (socket and core maps).</summary>
    private static void Processors(List<string> cpuinfo, Dictionary<string, object?> facts)
    {
        var processor = new List<object?>();
        var sockets = new Dictionary<string, long>(StringComparer.Ordinal);
        var cores = new Dictionary<string, long>(StringComparer.Ordinal);
        var (vendorIds, modelNames, processors, i) = (0, 0, 0, 0);
        string physid = string.Empty, coreid = string.Empty;
        foreach (var line in cpuinfo)
        {
            var parts = line.Split(':', 2);
            var (key, value) = (parts[0].Trim(), parts.Length > 1 ? parts[1].Trim() : string.Empty);
            switch (key)
            {
                case "model name" or "Processor" or "vendor_id" or "cpu" or "Vendor" or "processor":
                    processor.Add(value);
                    vendorIds += key == "vendor_id" ? 1 : 0;
                    modelNames += key == "model name" ? 1 : 0;
                    processors += key == "processor" ? 1 : 0;
                    i++;
                    break;
                case "physical id":
                    physid = value;
                    sockets.TryAdd(physid, 1);
                    break;
                case "core id":
                    coreid = value;

                    // Ansible checks the socket map here, not the core map (module_utils/facts/hardware/linux.py).
                    if (!sockets.ContainsKey(coreid))
                    {
                        cores[coreid] = 1;
                    }

                    break;
                case "cpu cores":
                    sockets[physid] = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "siblings":
                    cores[coreid] = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
            }
        }

        if (vendorIds > 0 && vendorIds == modelNames)
        {
            i = vendorIds;
        }

        if (facts.GetValueOrDefault("architecture") is string arch && (arch.StartsWith("armv", StringComparison.Ordinal) || arch.StartsWith("aarch", StringComparison.Ordinal) || arch.StartsWith("ppc", StringComparison.Ordinal)))
        {
            i = processors;
        }

        long count = sockets.Count > 0 ? sockets.Count : i;
        long coresPerSocket = sockets.Count > 0 && sockets.Values.First() != 0 ? sockets.Values.First() : 1;
        long threads = cores.Count > 0 ? cores.Values.First() / coresPerSocket : 1 / coresPerSocket;
        facts["processor"] = processor;
        facts["processor_count"] = count;
        facts["processor_cores"] = coresPerSocket;
        facts["processor_threads_per_core"] = threads;
        facts["processor_vcpus"] = threads * count * coresPerSocket;
        facts["processor_nproc"] = (long)processors;
    }

    /// <summary>Mounts of devices (paths or network sources), with statvfs sizes read by one <c>stat -f</c>.</summary>
    private static List<object?> Mounts(List<string> mounts, List<string> mountinfo, List<string> statfs)
    {
        // A bind mount shows a root other than "/" in mountinfo (findmnt prints it as SOURCE[/dir], which
        // is how Ansible finds them); Ansible appends ",bind" to its options.
        var binds = mountinfo.Select(l => l.Split(' ')).Where(f => f.Length > 4 && f[3] != "/").Select(f => Unescape(f[4])).ToHashSet(StringComparer.Ordinal);
        var sizes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in statfs)
        {
            var fields = line.Split('|');
            if (fields.Length == 8)
            {
                sizes[fields[0]] = fields;
            }
        }

        var result = new List<object?>();
        foreach (var line in mounts)
        {
            var f = line.Split(' ');
            if (f.Length < 4 || (!f[0].StartsWith('/') && !f[0].Contains(":/", StringComparison.Ordinal)) || f[2] == "none")
            {
                continue;
            }

            var mount = Unescape(f[1]);
            var info = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["mount"] = mount, ["device"] = Unescape(f[0]), ["fstype"] = f[2], ["options"] = binds.Contains(mount) ? f[3] + ",bind" : f[3], ["uuid"] = "N/A",
            };
            if (sizes.TryGetValue(mount, out var s))
            {
                // %s block size (f_bsize), %S fundamental block size (f_frsize), %b blocks, %a available, %f free, %c inodes, %d free inodes.
                long L(int index) => long.Parse(s[index], CultureInfo.InvariantCulture);
                var (bsize, frsize, blocks, available, free, inodes, freeInodes) = (L(1), L(2), L(3), L(4), L(5), L(6), L(7));
                info["size_total"] = frsize * blocks;
                info["size_available"] = frsize * available;
                info["block_size"] = bsize;
                info["block_total"] = blocks;
                info["block_available"] = available;
                info["block_used"] = blocks - free;
                info["inode_total"] = inodes;
                info["inode_available"] = freeInodes;
                info["inode_used"] = inodes - freeInodes;
            }

            result.Add(info);
        }

        return result;
    }

    /// <summary>/proc/mounts escapes space, tab, newline and backslash as octal (\040).</summary>
    private static string Unescape(string field) =>
        System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());
}
