using System.Globalization;
using Converge.Core.Connections;

namespace Converge.Lab;

/// <summary>
/// Proves a lab's container network end to end: one container per mesh host (from the image's
/// busybox tarball, `docker import`ed), then every container pings every other across hosts with a
/// full-MTU packet and DF set. Commands run through nsenter, so a broken network is reported as
/// failed pings, never as an unreachable host.
/// </summary>
public sealed class LabMeshProbe(Lab lab, string name)
{
    public const string ContainerName = "converge-demo";

    /// <summary>Starts (or finds) the container on each mesh host (or only on <paramref name="hosts"/>); waits up to a minute for dockerd.</summary>
    public async Task<IReadOnlyList<MeshContainer>> StartContainersAsync(CancellationToken ct, IReadOnlyCollection<string>? hosts = null)
    {
        var containers = new List<MeshContainer>();
        foreach (var host in lab.Load(name).Hosts.Where(h => h.Group == "mesh" && (hosts is null || hosts.Contains(h.Name))))
        {
            var script =
                "for i in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done; " +
                "docker image inspect busybox >/dev/null 2>&1 || docker import /srv/images/busybox.tar busybox >/dev/null; " +
                $"[ \"$(docker inspect -f '{{{{.State.Running}}}}' {ContainerName} 2>/dev/null)\" = true ] || " +
                $"{{ docker rm -f {ContainerName} >/dev/null 2>&1; docker run -d --restart=always --name {ContainerName} busybox sleep 100000000 >/dev/null; }}; " +
                $"docker inspect -f '{{{{.NetworkSettings.IPAddress}}}}' {ContainerName}; cat /sys/class/net/docker0/mtu";
            var output = await RunAsync(host.Name, script, ct);
            var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (!output.Succeeded || lines.Length < 2)
            {
                throw new LabException($"cannot start a container on {host.Name}: {output.StderrTail(5)}");
            }

            containers.Add(new MeshContainer(host.Name, lines[0].Trim(), int.Parse(lines[1].Trim(), CultureInfo.InvariantCulture)));
        }

        return containers;
    }

    /// <summary>
    /// Pings every ordered pair, in rounds, until one whole round passes or <paramref name="convergence"/>
    /// is over (spanning tree holds a port for a while after a boot, a container start or a topology
    /// change); returns the last round.
    /// </summary>
    public async Task<IReadOnlyList<MeshPing>> PingAllAsync(IReadOnlyList<MeshContainer> containers, TimeSpan convergence, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + convergence;
        while (true)
        {
            var pings = new List<MeshPing>();
            foreach (var from in containers)
            {
                foreach (var to in containers.Where(c => c != from))
                {
                    pings.Add(await PingAsync(from, to, 2, ct));
                }
            }

            if (pings.All(p => p.Passed) || DateTime.UtcNow >= deadline)
            {
                return pings;
            }

            await Task.Delay(1000, ct);
        }
    }

    private async Task<MeshPing> PingAsync(MeshContainer from, MeshContainer to, int count, CancellationToken ct)
    {
        // ICMP over IPv4: 20 bytes of IP header and 8 of ICMP header around the payload.
        var payload = Math.Min(from.Mtu, to.Mtu) - 28;
        var result = await RunAsync(from.Host, $"docker exec {ContainerName} ping -c {count} -W 2 -M do -s {payload} {to.Address}", ct);
        var summary = result.Stdout.Split('\n').FirstOrDefault(l => l.Contains("packet loss", StringComparison.Ordinal))?.Trim() ?? result.StderrTail(2);
        return new MeshPing(from.Host, to.Host, to.Address, payload, result.Succeeded, summary);
    }

    private Task<CommandResult> RunAsync(string host, string script, CancellationToken ct) =>
        Machine.RunAsync("nsenter", lab.ConsoleArguments(name, host, ["/bin/sh", "-c", script]), ct);
}
