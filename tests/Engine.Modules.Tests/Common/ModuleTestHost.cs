using Converge.Core.Artifacts;
using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Core.Running;
using Converge.Core.Templates;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// The one host every module test runs on: a real temporary tree on the local host (<see cref="Target"/> plays the
/// host's filesystem, <see cref="PlaybookDirectory"/> the controller's playbook folder) and
/// <see cref="ModuleContext"/>s built on the runner's own connection stack: the connection
/// <see cref="ConnectionFactory"/> opens for a local host, under <see cref="TaskConnection"/> (the mode's guard, so
/// a check that writes fails; facts read through it and dropped on every change), exactly as a run's tasks see it.
/// </summary>
public sealed class ModuleTestHost : IDisposable
{
    public ModuleTestHost()
    {
        Root = Directory.CreateTempSubdirectory("converge-modules-").FullName;
        PlaybookDirectory = Directory.CreateDirectory(System.IO.Path.Combine(Root, "playbook")).FullName;
        Target = Directory.CreateDirectory(System.IO.Path.Combine(Root, "host")).FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(Root, "artifacts"));
    }

    private static readonly Dictionary<string, object?> LocalHost = new() { ["ansible_connection"] = "local" };

    public string Root { get; }

    /// <summary>The controller-side playbook folder (with <c>templates/</c> and <c>files/</c> as tests create them).</summary>
    public string PlaybookDirectory { get; }

    /// <summary>The folder the modules manage, standing for the host's filesystem.</summary>
    public string Target { get; }

    public Dictionary<string, object?> Variables { get; } = new(StringComparer.Ordinal);

    public TemplateEngine Templates { get; } = new();

    /// <summary>An absolute path under <see cref="Target"/>.</summary>
    public string PathOf(string relative) => System.IO.Path.Combine(Target, relative);

    /// <summary>A fresh context (fresh fact cache, as a new run would have); check mode refuses every change.</summary>
    public ModuleContext Context(bool checkMode = false) =>
        Context(ConnectionFactory.Create("localhost", LocalHost, new ConnectionOptions()), checkMode);

    /// <summary>A fresh context over the given raw connection (e.g. a counting decorator, a namespace, SSH), under the runner's stack.</summary>
    public ModuleContext Context(IConnection raw, bool checkMode = false)
    {
        var tasks = checkMode ? TaskConnection.Checking(raw) : TaskConnection.Applying(raw);
        return new ModuleContext
        {
            Host = "localhost",
            Connection = tasks.Connection,
            Facts = tasks.Facts,
            Variables = Variables,
            PlaybookDirectory = PlaybookDirectory,
            Templates = Templates,
            Artifacts = new ArtifactStore(System.IO.Path.Combine(Root, "artifacts")),
        };
    }

    /// <summary>Check mode as the runner does it: only the check, through a connection that refuses changes.</summary>
    public Task<Plan> CheckAsync<TParams>(Module<TParams> module, TParams parameters)
        where TParams : class =>
        module.CheckAsync(Context(checkMode: true), parameters, CancellationToken.None);

    /// <summary>Apply mode as the runner does it: check, then apply only on drift, on one context.</summary>
    public async Task<(Plan Plan, ApplyResult? Result)> ConvergeAsync<TParams>(Module<TParams> module, TParams parameters)
        where TParams : class
    {
        var context = Context();
        var plan = await module.CheckAsync(context, parameters, CancellationToken.None);
        var result = plan.IsDrift ? await module.ApplyAsync(context, parameters, plan, CancellationToken.None) : null;
        return (plan, result);
    }

    /// <summary>Every path under <see cref="Target"/> with its kind, mode, size and content, to prove nothing changed.</summary>
    public string Snapshot() => TreeSnapshot.Take(Target);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir must not fail a test that passed.
        }
    }
}
