using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;
using YamlDotNet.RepresentationModel;

namespace Converge.Modules.Getent;

/// <summary>
/// <c>getent</c>: reads an NSS database (or one key of it) into the host's facts as <c>getent_DATABASE</c>, a mapping
/// from each entry's first field to its other fields, as Ansible's module does. Only reads: always in sync, and
/// its facts are set in check mode too. With become the read runs as the become user (shadow needs root).
/// </summary>
public sealed class GetentModule : Module<GetentParams>, ISetsFacts
{
    /// <summary>The databases whose fields getent separates with colons (Ansible's list).</summary>
    private static readonly HashSet<string> Colon = ["passwd", "shadow", "group", "gshadow"];

    public override string Name => "getent";

    protected override IValidator<GetentParams> ParamsValidator => ParamsValidators.Of<GetentParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(GetentParams parameters) => [FactOf(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, GetentParams parameters, CancellationToken ct)
    {
        var fact = FactOf(parameters);
        var lookup = context.Become is null
            ? await context.Facts.GetAsync(fact, ct)
            : fact.Parse(await context.Connection.RunAsync(fact.Command, ct));
        var entries = Entries(parameters, lookup);
        var facts = new Dictionary<string, object?>(StringComparer.Ordinal) { ["getent_" + parameters.Database] = entries };
        var output = HostFacts.Output(facts);
        if (lookup.ExitCode == 2)
        {
            output["msg"] = "One or more supplied key could not be found in the database.";
        }

        return Plan.InSync($"read {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")} of {parameters.Database}") with { Output = output };
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, GetentParams parameters, Plan plan, CancellationToken ct) =>
        Task.FromResult(ApplyResult.Done("getent changes nothing"));

    /// <summary>Ansible's parsing: each line split (at most nothing: every separator counts), keyed by its first field; a key seen again becomes a list of records.</summary>
    public static Dictionary<string, object?> Entries(GetentParams parameters, GetentLookup lookup)
    {
        var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (lookup.ExitCode)
        {
            case 0:
                break;
            case 2 when !parameters.FailKey:
                entries[parameters.Key!] = null;
                return entries;
            case 1:
                throw new TaskFailedException("getent: Missing arguments, or database unknown.");
            case 2:
                throw new TaskFailedException("getent: One or more supplied key could not be found in the database.");
            case 3:
                throw new TaskFailedException("getent: Enumeration not supported on this database.");
            default:
                throw new TaskFailedException("getent: Unexpected failure!");
        }

        var split = parameters.Split ?? (Colon.Contains(parameters.Database) ? ":" : null);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lookup.Stdout.Split('\n').Where(l => l.Length > 0))
        {
            var record = split is null
                ? line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                : line.Split(split);
            if (record.Length == 0)
            {
                continue;
            }

            var fields = record[1..].Cast<object?>().ToList();
            if (!seen.TryGetValue(record[0], out var count))
            {
                entries[record[0]] = fields;
                seen[record[0]] = 1;
                continue;
            }

            if (count == 1)
            {
                entries[record[0]] = new List<object?> { entries[record[0]] };
            }

            ((List<object?>)entries[record[0]]!).Add(fields);
            seen[record[0]] = count + 1;
        }

        return entries;
    }

    /// <summary><c>getent_DATABASE</c> at the top level and under <c>ansible_facts</c>, when the database is written plainly.</summary>
    public IReadOnlyList<string> FactNames(YamlNode? parameters) =>
        parameters is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("database"), out var node) && node is YamlScalarNode { Value: { } db } && !db.Contains("{{", StringComparison.Ordinal)
            ? ["ansible_facts", "getent_" + db]
            : ["ansible_facts"];

    private static GetentFact FactOf(GetentParams parameters) => new(parameters.Database, parameters.Key, parameters.Service);
}
