using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Diffs;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.AptRepository;

/// <summary>
/// <c>apt_repository</c>: a one-line source. Present is in sync when any sources file already enables the same
/// source (compared word by word, as Ansible); otherwise the line is appended to
/// <c>sources.list.d/FILENAME.list</c>. Absent removes the source from every file (a file left without lines is
/// deleted, as Ansible does). After a change, <c>apt-get update</c> when <c>update_cache</c>. Tests give a root folder.
/// </summary>
public sealed class AptRepositoryModule(string root) : Module<AptRepositoryParams>
{
    public AptRepositoryModule()
        : this(string.Empty)
    {
    }

    public override string Name => "apt_repository";

    protected override IValidator<AptRepositoryParams> ParamsValidator => ParamsValidators.Of<AptRepositoryParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(AptRepositoryParams parameters) => [new AptSourcesFact(root)];

    public override async Task<Plan> CheckAsync(ModuleContext context, AptRepositoryParams parameters, CancellationToken ct)
    {
        var files = await context.Facts.GetAsync(new AptSourcesFact(root), ct);
        var wanted = SourceLine.Parse(parameters.Repo)!;
        var target = $"{root}/etc/apt/sources.list.d/{parameters.Filename ?? SourceLine.SuggestFilename(parameters.Repo)}.list";
        var edits = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        if (parameters.State == "present")
        {
            if (!files.Any(f => Lines(f.Value).Any(l => SourceLine.Parse(l) == wanted)))
            {
                var kept = files.TryGetValue(target, out var text) ? Lines(text) : [];
                edits[target] = string.Join('\n', [.. kept, wanted]) + "\n";
            }
        }
        else
        {
            foreach (var (path, text) in files)
            {
                var lines = Lines(text);
                var kept = lines.Where(l => SourceLine.Parse(l) != wanted).ToList();
                if (kept.Count != lines.Count)
                {
                    edits[path] = kept.Count == 0 ? null : string.Join('\n', kept) + "\n";
                }
            }
        }

        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["repo"] = parameters.Repo,
            ["state"] = parameters.State,
            ["sources_added"] = parameters.State == "present" ? edits.Keys.Where(k => !files.ContainsKey(k)).ToList() : new List<string>(),
            ["sources_removed"] = edits.Where(e => e.Value is null).Select(e => e.Key).ToList(),
        };
        if (edits.Count == 0)
        {
            return Plan.InSync(parameters.State == "present" ? $"the source is enabled: {wanted}" : "no sources file holds the source") with { Output = output };
        }

        var changes = edits.Select(e => new Change($"{e.Key}: source", parameters.State == "present" ? null : wanted, parameters.State == "present" ? wanted : null)
        {
            Diff = UnifiedDiff.Create(files.TryGetValue(e.Key, out var before) ? before : null, e.Value, "before: " + e.Key, "after: " + e.Key),
        });
        return Plan.Drift(changes) with { State = new AptRepositoryWork(edits), Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, AptRepositoryParams parameters, Plan plan, CancellationToken ct)
    {
        var work = plan.State as AptRepositoryWork ?? throw new TaskFailedException("apt_repository: apply was given a plan this module did not make");
        try
        {
            foreach (var (path, text) in work.Files)
            {
                if (text is null)
                {
                    await HostCommand.RunAsync(context, CommandSpec.Change("rm", "-f", "--", path), ct);
                }
                else
                {
                    await context.Connection.WriteFileAsync(path, Encoding.UTF8.GetBytes(text), FileWriteOptions.Default with { Mode = Convert.ToInt32(parameters.Mode, 8) }, ct);
                }
            }

            if (parameters.UpdateCache)
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("apt-get", "update", "-q"), ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<AptSourcesFact>();
        }

        return new ApplyResult(plan.Reason) { Output = plan.Output };
    }

    private static List<string> Lines(string text) => text.TrimEnd('\n').Length == 0 ? [] : [.. text.TrimEnd('\n').Split('\n')];
}
