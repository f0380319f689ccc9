using System.Globalization;

namespace Converge.Benchmarks;

/// <summary>
/// One measured row of <see cref="HandshakeBenchmark"/>: what the controller (this process) and the hosts (the
/// loopback sshd's cgroup) spent on <see cref="Units"/> connections or commands of one client, and what the JIT
/// compiled meanwhile (<see cref="Jit"/> is time spent in it, summed over threads: near zero once the warm-up has settled it).
/// </summary>
public sealed record HandshakeRow(string Client, string Operation, int Units, TimeSpan Cpu, TimeSpan Wall, TimeSpan HostsCpu, int ThreadsPeak, long AllocatedBytes, TimeSpan Jit, long JitMethods)
{
    public const string Header = "client  operation                          units  ctl cpu ms/unit  wall s  hosts cpu ms/unit  threads peak  alloc KB/unit  jit ms  jit methods  load";

    /// <summary>The controller's CPU (user + system) per connection or command, the figure the two clients are compared by.</summary>
    public double CpuMillisecondsPerUnit => Cpu.TotalMilliseconds / Units;

    public string Format(double load) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Client,-6}  {Operation,-33}  {Units,5}  {CpuMillisecondsPerUnit,15:0.00}  {Wall.TotalSeconds,6:0.00}  {HostsCpu.TotalMilliseconds / Units,17:0.00}  {ThreadsPeak,12}  {AllocatedBytes / 1024.0 / Units,13:0.0}  {Jit.TotalMilliseconds,6:0}  {JitMethods,11}  {load,4:0.0}");
}
