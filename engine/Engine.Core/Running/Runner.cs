using System.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Reporting;
using Converge.Core.Templates;

namespace Converge.Core.Running;

/// <summary>
/// Runs a loaded playbook: every host in parallel (bounded by forks), each over one connection,
/// each node check → plan → apply only in apply mode and only on drift. Returns the report.
/// </summary>
public sealed class Runner(ModuleRegistry modules, TemplateEngine templates)
{
    public async Task<RunReport> RunAsync(LoadedRun run, RunOptions options, IRunObserver observer, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var state = new RunState(run, options, observer, modules, templates);
        var workers = run.Graph.Hosts.Select(host => Task.Run(() => new HostWorker(state, host).RunAsync(ct), ct)).ToList();
        var summaries = await Task.WhenAll(workers);
        return new RunReport(state.Strategy.IsCheck, clock.ElapsedMilliseconds, summaries, state.Outcomes) { Interrupted = options.Stop.IsCancellationRequested };
    }
}
