namespace Converge.TestKit.Sshd;

/// <summary>
/// A network namespace joined to this one by a veth pair, so a server inside it is a host that can be cut off
/// the way a powered-off machine is: packets to it are dropped, nothing answers, no RST ever comes (which
/// stopping a process on loopback cannot show: the kernel answers for it). Needs root and iproute2.
/// </summary>
public sealed class IsolatedNetwork : IAsyncDisposable
{
    private static int _created;

    private IsolatedNetwork(string name, string address)
    {
        Name = name;
        HostAddress = address;
    }

    /// <summary>The namespace's name (for <c>ip netns exec</c>).</summary>
    public string Name { get; }

    /// <summary>The address of the host inside the namespace, reached from here through the veth pair.</summary>
    public string HostAddress { get; }

    /// <summary>This side's end of the veth pair, which carries the route to <see cref="HostAddress"/>.</summary>
    public string OutsideLink => $"cvi{Suffix}o";

    private string InsideLink => $"cvi{Suffix}i";

    private string Suffix => Name[(Name.LastIndexOf('-') + 1)..];

    /// <summary>
    /// Creates the namespace on a <c>10.253.X.0/30</c> that no link of this machine uses yet, and checks that the
    /// kernel routes the host's address through the new link. A namespace whose processes outlive
    /// <c>ip netns del</c> (a cut-off test's sshd session waiting on its <c>sleep 600</c>) keeps its veth pair
    /// and route, so a new network on the same X would be routed into that dead link ("No route to host" until
    /// the deadline: the failure seen once under load, when test runs overlapped). Disposing deletes the link.
    /// </summary>
    public static async Task<IsolatedNetwork> CreateAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var used = await Ip("-4", "-o", "addr", "show") + await Ip("-4", "route", "show");
            var free = Enumerable.Range(1, 254).Where(x => !used.Contains($"10.253.{x}.", StringComparison.Ordinal)).ToList();
            if (free.Count == 0)
            {
                throw new InvalidOperationException("no free 10.253.X.0/30 for an isolated network: every one is in use (ip route)");
            }

            // Unique per process and instance; interface names stay within IFNAMSIZ (15).
            var id = $"{Environment.ProcessId % 10000}{Interlocked.Increment(ref _created) % 1000:D3}";
            var octet = free[Random.Shared.Next(free.Count)];
            var network = new IsolatedNetwork($"converge-isolated-{id}", $"10.253.{octet}.2");

            // Not ours to clean up if it fails: a namespace of that name would be another process's.
            await Ip("netns", "add", network.Name);
            try
            {
                await Ip("link", "add", network.OutsideLink, "type", "veth", "peer", "name", network.InsideLink, "netns", network.Name);
                await Ip("addr", "add", $"10.253.{octet}.1/30", "dev", network.OutsideLink);
                await Ip("link", "set", network.OutsideLink, "up");
                await Ip("-n", network.Name, "addr", "add", $"{network.HostAddress}/30", "dev", network.InsideLink);
                await Ip("-n", network.Name, "link", "set", network.InsideLink, "up");
                await Ip("-n", network.Name, "link", "set", "lo", "up");

                // Another process may have taken the same X between the check and the add: then its route may win.
                var route = await Ip("route", "get", network.HostAddress);
                if (route.Contains($" dev {network.OutsideLink} ", StringComparison.Ordinal))
                {
                    return network;
                }

                if (attempt == 5)
                {
                    throw new InvalidOperationException($"{network.HostAddress} is not routed through {network.OutsideLink}: {route}");
                }
            }
            catch
            {
                await network.DisposeAsync();
                throw;
            }

            await network.DisposeAsync();
        }
    }

    /// <summary>Takes the host's side of the link down: from now on it neither receives nor answers anything.</summary>
    public Task CutAsync() => Ip("-n", Name, "link", "set", InsideLink, "down");

    public async ValueTask DisposeAsync()
    {
        // Processes left in the namespace (sshd sessions of a cut-off host, started by the test) would keep it, its veth
        // pair and its route alive after `ip netns del`: end them by pid, and delete the link (both ends go with it).
        var pids = await ProcessRunner.RunAsync("ip", ["netns", "pids", Name], check: false);
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture));
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        await ProcessRunner.RunAsync("ip", ["link", "del", OutsideLink], check: false);
        await ProcessRunner.RunAsync("ip", ["netns", "del", Name], check: false);
    }

    private static Task<string> Ip(params string[] arguments) => ProcessRunner.RunAsync("ip", arguments);
}
