using Converge.Core.Artifacts;
using Converge.Core.Connections;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Core.Templates;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// A real temporary tree on the local host and <see cref="ModuleContext"/>s over a real <see cref="LocalConnection"/>:
/// <see cref="Root"/> plays the host's filesystem, <see cref="PlaybookDirectory"/> the controller's playbook folder.
/// Check-mode contexts wrap the connection in <see cref="CheckModeConnection"/>, so a check that writes fails.
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
    public ModuleContext Context(bool checkMode = false)
    {
        IConnection connection = new LocalConnection("localhost");
        return Context(checkMode ? new CheckModeConnection(connection) : connection);
    }

    /// <summary>A fresh context over the given connection (e.g. a counting decorator).</summary>
    public ModuleContext Context(IConnection connection)
    {
        return new ModuleContext
        {
            Host = "localhost",
            Connection = connection,
            Facts = new FactCache(connection),
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
