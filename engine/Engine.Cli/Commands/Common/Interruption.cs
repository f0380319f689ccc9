using System.Runtime.InteropServices;

namespace Converge.Cli.Commands.Common;

/// <summary>
/// SIGINT and SIGTERM, handled as Puppet and Terraform do: the first one stops a run from starting new tasks
/// (running ones finish or time out; the recap and report are still written) and the run exits with
/// <see cref="ExitCode"/>; a second one aborts at once. Outside a run (loading, the lab verbs) the first
/// signal cancels the verb. The exit code is the shell's 128 + signal number: 130 (SIGINT), 143 (SIGTERM).
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;
    private volatile bool _running;

    private Interruption()
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
    }

    /// <summary>The one interruption handler of this process (set by <see cref="Listen"/>), or null in tests that call verbs directly.</summary>
    public static Interruption? Current { get; private set; }

    /// <summary>Cancelled by the first signal during a run: no new task starts (<see cref="Core.Running.RunOptions.Stop"/>).</summary>
    public CancellationToken Stop => _stop.Token;

    /// <summary>Cancelled by the first signal outside a run: the verb stops what it does.</summary>
    public CancellationToken Cancel => _cancel.Token;

    public PosixSignal? Signal { get; private set; }

    /// <summary>130 after SIGINT, 143 after SIGTERM (128 + the signal number, as shells report it).</summary>
    public int ExitCode => Signal == PosixSignal.SIGTERM ? 143 : 130;

    public bool Interrupted => Signal is not null;

    public static Interruption Listen() => Current = new Interruption();

    /// <summary>From now on the first signal stops the run instead of cancelling the verb.</summary>
    public void RunStarted() => _running = true;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
        _cancel.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Signal = context.Signal;
            Console.Error.WriteLine(_running
                ? $"interrupted ({context.Signal}): no new tasks start; waiting for the running ones to finish (interrupt again to abort at once)"
                : $"interrupted ({context.Signal})");
            _stop.Cancel();
            if (!_running)
            {
                _cancel.Cancel();
            }

            return;
        }

        // Abort at once. Local temp files of writes in progress go with the process (AtomicFile's exit hook); a
        // remote write's temp file is removed by its script when the connection drops.
        Console.Error.WriteLine($"aborted ({context.Signal}): the run was cut short; tasks that were running may be half done");
        Environment.Exit(ExitCode);
    }
}
