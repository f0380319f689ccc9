using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using Converge.Core.Connections;
using Converge.Core.Facts.Gathered;
using Converge.Core.Inventory;

namespace Converge.Core.Tests.Facts;

/// <summary>
/// The gathered facts against Ansible's own <c>setup</c> module (Debian's ansible-core, which tests/run.sh
/// installs) on the same machine at the same moment, key by key for every fact the issue names. Values
/// that move between two reads (free memory, the clock, free disk blocks) are compared within a bound.
/// </summary>
public sealed class GatheredFactsDifferentialTests
{
    private static readonly string[] ExactKeys =
    [
        "hostname", "fqdn", "nodename", "domain", "os_family", "distribution", "distribution_version", "distribution_major_version",
        "distribution_release", "architecture", "machine", "kernel", "kernel_version", "system", "user_id", "user_uid", "user_gid",
        "user_dir", "user_shell", "service_mgr", "pkg_mgr", "memtotal_mb", "processor_vcpus", "processor_cores", "processor_count",
        "processor_threads_per_core", "lsb", "local", "all_ipv4_addresses", "default_ipv4", "default_ipv6", "python", "python_version",
    ];

    [Fact]
    public async Task Every_named_fact_matches_what_ansible_setup_reports_on_the_same_host()
    {
        var ansible = await AnsibleSetupAsync();
        var ours = await GatherAsync(FactSubset.All);

        foreach (var key in ExactKeys)
        {
            Assert.True(ansible.ContainsKey(key), $"ansible has no {key}");
            Assert.True(ours.ContainsKey(key), $"converge has no {key}");
            Assert.True(Canonical(ansible[key]) == Canonical(ours[key]), $"{key}: ansible {Canonical(ansible[key])} converge {Canonical(ours[key])}");
        }

        Assert.Equal(Sorted(ansible["interfaces"]), Sorted(ours["interfaces"]));
        foreach (var device in ((List<object?>)ours["interfaces"]!).Cast<string>())
        {
            var name = device.Replace('-', '_');
            var theirs = (Dictionary<string, object?>)ansible[name]!;
            var mine = (Dictionary<string, object?>)ours[name]!;
            foreach (var key in new[] { "device", "mtu", "active", "type", "macaddress", "promisc", "ipv4", "ipv6", "ipv4_secondaries" }.Where(theirs.ContainsKey))
            {
                Assert.True(Canonical(theirs[key]) == Canonical(mine.GetValueOrDefault(key)), $"{name}.{key}: ansible {Canonical(theirs[key])} converge {Canonical(mine.GetValueOrDefault(key))}");
            }
        }

        Assert.InRange((long)ours["memfree_mb"]!, (long)ansible["memfree_mb"]! * 8 / 10, (long)ansible["memfree_mb"]! * 12 / 10);
        var (theirClock, ourClock) = ((Dictionary<string, object?>)ansible["date_time"]!, (Dictionary<string, object?>)ours["date_time"]!);
        Assert.Equal(Sorted(theirClock.Keys), Sorted(ourClock.Keys));
        Assert.InRange(long.Parse((string)ourClock["epoch"]!) - long.Parse((string)theirClock["epoch"]!), 0, 120);
        Assert.Equal(theirClock["tz"], ourClock["tz"]);
        Assert.Equal(theirClock["tz_offset"], ourClock["tz_offset"]);
        Assert.Equal(Mounted(ansible["mounts"]), Mounted(ours["mounts"]));
        var (theirEnv, ourEnv) = ((Dictionary<string, object?>)ansible["env"]!, (Dictionary<string, object?>)ours["env"]!);
        foreach (var key in new[] { "PATH", "HOME" }.Where(theirEnv.ContainsKey))
        {
            Assert.Equal(theirEnv[key], ourEnv.GetValueOrDefault(key));
        }
    }

    [Fact]
    public async Task Only_the_chosen_subsets_are_gathered()
    {
        var ours = await GatherAsync(FactSubset.Distribution);

        Assert.Equal(["distribution", "distribution_major_version", "distribution_release", "distribution_version", "os_family"], Sorted(ours.Keys).Where(k => k != "distribution_minor_version"));
    }

    private static async Task<Dictionary<string, object?>> GatherAsync(FactSubset subsets)
    {
        var fact = new GatheredFacts(subsets);
        await using var connection = new LocalConnection("localhost");
        var result = await connection.RunAsync(fact.Command, default);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return fact.Parse(result);
    }

    private static async Task<Dictionary<string, object?>> AnsibleSetupAsync()
    {
        var result = await CliWrap.Cli.Wrap("ansible").WithArguments(["localhost", "-m", "setup", "-o"])
            .WithEnvironmentVariables(new Dictionary<string, string?> { ["ANSIBLE_LOCALHOST_WARNING"] = "false", ["ANSIBLE_INVENTORY_UNPARSED_WARNING"] = "false" })
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
        var json = result.StandardOutput[result.StandardOutput.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json);
        var facts = (Dictionary<string, object?>)JsonPlain.ToPlain(document.RootElement.GetProperty("ansible_facts"))!;
        return facts.ToDictionary(p => p.Key.StartsWith("ansible_", StringComparison.Ordinal) ? p.Key["ansible_".Length..] : p.Key, p => p.Value, StringComparer.Ordinal);
    }

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
        long or int or double => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        IDictionary<string, object?> map => "{" + string.Join(",", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        IEnumerable<object?> list => "[" + string.Join(",", list.Select(Canonical)) + "]",
        _ => JsonSerializer.Serialize(value),
    };
}
