using Converge.Benchmarks;

// The SSH benchmark (issue 3): converge N loopback hosts with a 6-task playbook and time the first run,
// a no-op rerun and check mode. Usage: Engine.Benchmarks [N ...] (default 1 10 25 50), or
// Engine.Benchmarks --serve N to keep sshd and a converged workspace up for profiling by hand. Needs root.
if (args is ["--serve", var count])
{
    return await SshBenchmark.ServeAsync(int.Parse(count), Console.Out);
}

return await SshBenchmark.RunAsync(args.Length == 0 ? [1, 10, 25, 50] : [.. args.Select(int.Parse)], Console.Out);
