namespace Converge.TestKit.Sshd;

/// <summary>
/// A network namespace joined to this one by a veth pair, so a server inside it is a host that can be cut off
/// the way a powered-off machine is: packets to it are dropped, nothing answers, no RST ever comes (which
/// stopping a process on loopback cannot show: the kernel answers for it). Needs root and iproute2.
/// </summary>
public sealed class IsolatedNetwork : IAsyncDisposable
{
    private IsolatedNetwork(string name, string address)
    {
        Name = name;
        HostAddress = address;
    }

    /// <summary>The namespace's name (for <c>ip netns exec</c>).</summary>
    public string Name { get; }

    /// <summary>The address of the host inside the namespace, reached from here through the veth pair.</summary>
    public string HostAddress { get; }

    private string OutsideLink => $"cvi{Suffix}o";

    private string InsideLink => $"cvi{Suffix}i";

    private string Suffix => Name[(Name.LastIndexOf('-') + 1)..];

    public static async Task<IsolatedNetwork> CreateAsync()
    {
        // Unique per process and instance; interface names stay within IFNAMSIZ (15).
        var id = $"{Environment.ProcessId % 10000}{Random.Shared.Next(100, 1000)}";
        var octet = Random.Shared.Next(1, 255);
        var network = new IsolatedNetwork($"converge-isolated-{id}", $"10.253.{octet}.2");
        try
        {
            await Ip("netns", "add", network.Name);
            await Ip("link", "add", network.OutsideLink, "type", "veth", "peer", "name", network.InsideLink, "netns", network.Name);
            await Ip("addr", "add", $"10.253.{octet}.1/30", "dev", network.OutsideLink);
            await Ip("link", "set", network.OutsideLink, "up");
            await Ip("-n", network.Name, "addr", "add", $"{network.HostAddress}/30", "dev", network.InsideLink);
            await Ip("-n", network.Name, "link", "set", network.InsideLink, "up");
            await Ip("-n", network.Name, "link", "set", "lo", "up");
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the host's side of the link down: from now on it neither receives nor answers anything.</summary>
    public Task CutAsync() => Ip("-n", Name, "link", "set", InsideLink, "down");

    public async ValueTask DisposeAsync()
    {
        // Deleting the namespace deletes the veth pair with it.
        await ProcessRunner.RunAsync("ip", ["netns", "del", Name], check: false);
    }

    private static Task<string> Ip(params string[] arguments) => ProcessRunner.RunAsync("ip", arguments);
}
