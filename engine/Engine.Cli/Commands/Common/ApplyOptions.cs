using System.CommandLine;

namespace Converge.Cli.Commands.Common;

/// <summary>The options of a run (apply and check) beyond the playbook arguments.</summary>
internal sealed class ApplyOptions
{
    public Option<bool> Diff { get; } = new("--diff", "-D") { Description = "Show unified diffs of file changes." };

    public Option<int> Forks { get; } = new("--forks", "-f") { Description = "Hosts worked on at once.", DefaultValueFactory = _ => 100 };

    public Option<string?> Report { get; } = new("--report") { Description = "Write the JSON report to this file." };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Print more: task starts and every change." };

    public Option<string?> KnownHosts { get; } = new("--known-hosts") { Description = "known_hosts file for SSH host key checking (default ~/.ssh/known_hosts)." };

    public Option<bool> AcceptNewHostKeys { get; } = new("--accept-new-host-keys") { Description = "Trust and record unknown SSH host keys (never changed ones)." };

    public Option<int> ConnectTimeout { get; } = new("--connect-timeout") { Description = "Seconds to wait for an SSH connection.", DefaultValueFactory = _ => 10 };

    public ApplyOptions()
    {
        // Zero forks would run nothing and a zero or negative timeout fails every connection: usage errors.
        InRange(Forks, 1, 10_000);
        InRange(ConnectTimeout, 1, 3_600);

        // The report is written after hosts were changed: a path that cannot be written is found now.
        Report.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } file && ReportFile.Problem(file) is { } problem)
            {
                result.AddError($"--report: {problem}");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Diff);
        command.Options.Add(Forks);
        command.Options.Add(Report);
        command.Options.Add(Verbose);
        command.Options.Add(KnownHosts);
        command.Options.Add(AcceptNewHostKeys);
        command.Options.Add(ConnectTimeout);
    }

    private static void InRange(Option<int> option, int minimum, int maximum) =>
        option.Validators.Add(result =>
        {
            // A token that is not a number at all is the parser's own error; only a parsed value is checked here.
            if (result.Tokens is [{ } token] && int.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && (value < minimum || value > maximum))
            {
                result.AddError($"{option.Name} must be between {minimum} and {maximum}, not {value}");
            }
        });
}
