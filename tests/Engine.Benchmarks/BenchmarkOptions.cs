namespace Converge.Benchmarks;

/// <summary>
/// The benchmark's command line. <c>--login user</c> (the default) logs in as a fresh user whose shell
/// start-up files are Debian's defaults, like an account on a typical server; <c>--login root</c> logs in as
/// this machine's root, whose ~/.bashrc may do expensive work (bash reads it for every command sshd runs).
/// <c>--converge PATH</c> measures an installed converge (its folder or its entry point) instead of
/// publishing one the way the README installs it.
/// </summary>
public sealed record BenchmarkOptions
{
    public IReadOnlyList<int> HostCounts { get; init; } = [1, 10, 25, 50];

    public bool LoginAsRoot { get; init; }

    public string? Converge { get; init; }

    public int? Serve { get; init; }

    /// <summary><c>--versus-ansible</c>: run Ansible and Converge side by side (default N = 10, 25, 50).</summary>
    public bool VersusAnsible { get; init; }

    /// <summary><c>--templates [--ansible-hosts M] [N]</c>: the template benchmark (TemplateBenchmark), N hosts (default 1,000), Ansible on M of them (default 10: its Templar is slow, and the figure is a rate).</summary>
    public bool Templates { get; init; }

    public int AnsibleHosts { get; init; } = 10;

    /// <summary><c>--handshakes [N]</c>: the controller's CPU per connection of the two SSH clients (HandshakeBenchmark), N connections per row (default 300).</summary>
    public int? Handshakes { get; init; }

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        var counts = new List<int>();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--login" when i + 1 < args.Count && args[i + 1] is "user" or "root" => options with { LoginAsRoot = args[++i] == "root" },
                "--converge" when i + 1 < args.Count => options with { Converge = args[++i] },
                "--versus-ansible" => options with { VersusAnsible = true },
                "--templates" => options with { Templates = true },
                "--ansible-hosts" when i + 1 < args.Count => options with { AnsibleHosts = int.Parse(args[++i]) },
                "--handshakes" when i + 1 < args.Count && int.TryParse(args[i + 1], out var connections) && connections > 0 => options with { Handshakes = int.Parse(args[++i]) },
                "--handshakes" => options with { Handshakes = 300 },
                "--serve" when i + 1 < args.Count => options with { Serve = int.Parse(args[++i]) },
                _ when int.TryParse(args[i], out var n) && n > 0 => Add(options, n),
                _ => throw new ArgumentException($"unknown argument '{args[i]}'; usage: [--versus-ansible | --templates | --handshakes [N]] [--login user|root] [--converge PATH] [--serve N] [N ...]"),
            };
        }

        return counts.Count > 0 ? options with { HostCounts = counts }
            : options.VersusAnsible ? options with { HostCounts = [10, 25, 50] }
            : options;

        BenchmarkOptions Add(BenchmarkOptions current, int n)
        {
            counts.Add(n);
            return current;
        }
    }
}
