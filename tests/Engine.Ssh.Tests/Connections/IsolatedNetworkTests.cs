using System.Diagnostics;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

/// <summary>
/// The isolated networks the dead-peer tests cut off. A cut network whose namespace outlived its test (an sshd
/// session still waiting on `sleep 600` inside) kept its route, and a later network given the same subnet was
/// routed into that dead link: "sshd did not come up" after the 15 s deadline, once, when test runs overlapped.
/// </summary>
public sealed class IsolatedNetworkTests
{
    [SshdFact]
    public async Task A_cut_network_whose_process_outlives_it_leaves_no_route_or_process_behind()
    {
        var network = await IsolatedNetwork.CreateAsync();
        using var inside = Process.Start("ip", ["netns", "exec", network.Name, "sleep", "600"]);
        await WaitForAsync(async () => (await RunAsync("ip", "netns", "pids", network.Name)).Length > 0);
        await network.CutAsync();

        await network.DisposeAsync();

        Assert.True(inside.WaitForExit(TimeSpan.FromSeconds(10)), "the process left in the namespace still runs");
        Assert.DoesNotContain($" dev {network.OutsideLink} ", await RunAsync("ip", "-4", "route", "show"), StringComparison.Ordinal);
    }

    [SshdFact]
    public async Task Networks_made_side_by_side_beside_a_cut_one_each_get_a_subnet_of_their_own_routed_through_their_own_link()
    {
        await using var cut = await IsolatedNetwork.CreateAsync();
        using var inside = Process.Start("ip", ["netns", "exec", cut.Name, "sleep", "600"]);
        await cut.CutAsync();

        var networks = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => IsolatedNetwork.CreateAsync()));
        try
        {
            var routes = await Task.WhenAll(networks.Select(n => RunAsync("ip", "route", "get", n.HostAddress)));

            Assert.Equal(13, networks.Select(n => n.HostAddress).Append(cut.HostAddress).Distinct().Count());
            Assert.All(networks.Zip(routes), pair => Assert.Contains($" dev {pair.First.OutsideLink} ", pair.Second, StringComparison.Ordinal));
        }
        finally
        {
            foreach (var network in networks)
            {
                await network.DisposeAsync();
            }
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
