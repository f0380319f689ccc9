using System.Globalization;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using Xunit;

namespace Converge.TestKit;

/// <summary>
/// Ansible's own <c>setup</c> output (Debian's ansible-core, which tests/run.sh installs) and a key-by-key
/// comparison with Converge's gathered facts, for the facts people use. Values that move between two
/// reads (free memory, the clock, free disk blocks) are compared within a bound.
/// </summary>
public static class AnsibleFacts
{
    private static readonly string[] ComparedEnvironment = ["PATH", "HOME"];

    private static readonly string[] ExactKeys =
    [
        "hostname", "fqdn", "nodename", "domain", "os_family", "distribution", "distribution_version", "distribution_major_version",
        "distribution_release", "architecture", "machine", "kernel", "kernel_version", "system", "user_id", "user_uid", "user_gid",
        "user_dir", "user_shell", "service_mgr", "pkg_mgr", "memtotal_mb", "processor_vcpus", "processor_cores", "processor_count",
        "processor_threads_per_core", "distribution_minor_version", "lsb", "local", "default_ipv4", "default_ipv6", "python", "python_version",
    ];

    private static readonly string[] InterfaceKeys = ["device", "mtu", "active", "type", "macaddress", "promisc", "ipv4", "ipv6", "ipv4_secondaries"];

    /// <summary>Runs <c>ansible HOST -m setup</c> and returns its facts without the <c>ansible_</c> prefix.</summary>
    public static async Task<Dictionary<string, object?>> SetupAsync(string host, params string[] inventory)
    {
        var result = await Cli.Wrap("ansible").WithArguments([host, .. inventory, "-m", "setup", "-o"])
            .WithEnvironmentVariables(new Dictionary<string, string?> { ["ANSIBLE_LOCALHOST_WARNING"] = "false", ["ANSIBLE_INVENTORY_UNPARSED_WARNING"] = "false" })
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
        var json = result.StandardOutput[result.StandardOutput.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json);
        var facts = (Dictionary<string, object?>)Plain(document.RootElement.GetProperty("ansible_facts"))!;
        return facts.ToDictionary(p => p.Key.StartsWith("ansible_", StringComparison.Ordinal) ? p.Key["ansible_".Length..] : p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>Asserts that every named fact, every interface's facts, the clock, mounts and the main environment agree.</summary>
    public static void AssertSame(Dictionary<string, object?> ansible, Dictionary<string, object?> ours)
    {
        foreach (var key in ExactKeys)
        {
            Assert.True(ansible.ContainsKey(key), $"ansible has no {key}");
            Assert.True(ours.ContainsKey(key), $"converge has no {key}");
            Assert.True(Canonical(ansible[key]) == Canonical(ours[key]), $"{key}: ansible {Canonical(ansible[key])} converge {Canonical(ours[key])}");
        }

        // Ansible lists interfaces in /sys/class/net's directory order, which is no order: compare as sets.
        Assert.Equal(Sorted(ansible["interfaces"]), Sorted(ours["interfaces"]));
        Assert.Equal(Sorted(ansible["all_ipv4_addresses"]), Sorted(ours["all_ipv4_addresses"]));
        Assert.Equal(Sorted(ansible["all_ipv6_addresses"]), Sorted(ours["all_ipv6_addresses"]));
        foreach (var device in ((List<object?>)ours["interfaces"]!).Cast<string>())
        {
            var name = device.Replace('-', '_');
            var theirs = (Dictionary<string, object?>)ansible[name]!;
            var mine = (Dictionary<string, object?>)ours[name]!;
            foreach (var key in InterfaceKeys.Where(theirs.ContainsKey))
            {
                Assert.True(Canonical(theirs[key]) == Canonical(mine.GetValueOrDefault(key)), $"{name}.{key}: ansible {Canonical(theirs[key])} converge {Canonical(mine.GetValueOrDefault(key))}");
            }
        }

        var (theirFree, ourFree) = (Convert.ToInt64(ansible["memfree_mb"], CultureInfo.InvariantCulture), Convert.ToInt64(ours["memfree_mb"], CultureInfo.InvariantCulture));
        Assert.InRange(ourFree, theirFree * 8 / 10, (theirFree * 12 / 10) + 16);
        var (theirClock, ourClock) = ((Dictionary<string, object?>)ansible["date_time"]!, (Dictionary<string, object?>)ours["date_time"]!);
        Assert.Equal(Sorted(theirClock.Keys), Sorted(ourClock.Keys));
        Assert.InRange(long.Parse((string)ourClock["epoch"]!, CultureInfo.InvariantCulture) - long.Parse((string)theirClock["epoch"]!, CultureInfo.InvariantCulture), 0, 120);
        Assert.Equal(theirClock["tz"], ourClock["tz"]);
        Assert.Equal(theirClock["tz_offset"], ourClock["tz_offset"]);
        Assert.Equal(Mounted(ansible["mounts"]), Mounted(ours["mounts"]));
        var (theirEnv, ourEnv) = ((Dictionary<string, object?>)ansible["env"]!, (Dictionary<string, object?>)ours["env"]!);
        foreach (var key in ComparedEnvironment.Where(theirEnv.ContainsKey))
        {
            Assert.Equal(theirEnv[key], ourEnv.GetValueOrDefault(key));
        }
    }

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static List<string> Sorted(object? list) => [.. ((IEnumerable<object?>)list!).Select(x => x?.ToString() ?? string.Empty).Order(StringComparer.Ordinal)];

    private static List<string> Sorted(IEnumerable<string> keys) => [.. keys.Order(StringComparer.Ordinal)];

    private static List<string> Mounted(object? mounts) =>
        [.. ((List<object?>)mounts!).Cast<Dictionary<string, object?>>().Select(m => $"{m["mount"]} {m["device"]} {m["fstype"]} {m["options"]} {m.GetValueOrDefault("size_total")} {m.GetValueOrDefault("block_size")}").Order(StringComparer.Ordinal)];

    /// <summary>A value as sorted JSON, with numbers as numbers whatever their CLR type.</summary>
    private static string Canonical(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s),
        bool b => b ? "true" : "false",
        long or int or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IDictionary<string, object?> map => "{" + string.Join(",", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        IEnumerable<object?> list => "[" + string.Join(",", list.Select(Canonical)) + "]",
        _ => JsonSerializer.Serialize(value),
    };
}
