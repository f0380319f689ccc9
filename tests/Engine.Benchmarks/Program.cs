using Converge.Benchmarks;

// The SSH benchmark (issue 3): converge N loopback hosts with a 6-task playbook and time the first run,
// a no-op rerun and check mode. Needs root. Usage:
//   Engine.Benchmarks [--login user|root] [--converge PATH] [N ...]   (default: --login user, N = 1 10 25 50)
//   Engine.Benchmarks --versus-ansible [N ...]                         (side by side with Ansible 2.14, default N = 10 25 50)
//   Engine.Benchmarks --templates [--ansible-hosts M] [N]                 (template rendering vs Ansible's Templar, N = 1000)
//   Engine.Benchmarks --handshakes [N]                                (controller CPU per connection: Converge's own SSH client vs SSH.NET, N = 300)
//   Engine.Benchmarks --serve N                                       (keep sshd and a converged workspace up for profiling)
var options = BenchmarkOptions.Parse(args);
return options.Handshakes is { } connections ? await HandshakeBenchmark.RunAsync(connections, options, Console.Out)
    : options.Templates ? await TemplateBenchmark.RunAsync(options, Console.Out, CancellationToken.None)
    : options.Serve is { } hosts ? await SshBenchmark.ServeAsync(hosts, options, Console.Out)
    : options.VersusAnsible ? await VersusAnsibleBenchmark.RunAsync(options, Console.Out)
    : await SshBenchmark.RunAsync(options, Console.Out);
