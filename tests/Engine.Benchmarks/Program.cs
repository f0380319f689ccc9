using Converge.Benchmarks;

// The SSH benchmark (issue 3): converge N loopback hosts with a 6-task playbook and time the first run,
// a no-op rerun and check mode. Usage: Engine.Benchmarks [N ...] (default 1 10 25 50). Needs root.
return await SshBenchmark.RunAsync(args.Length == 0 ? [1, 10, 25, 50] : [.. args.Select(int.Parse)], Console.Out);
