using Converge.Core.Connections;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Core.Secrets;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Debconf;

/// <summary>
/// <c>debconf</c>: a question's answer read with <c>debconf-show</c> in the host's batch, set with
/// <c>debconf-set-selections</c> (the line on standard input, so the value is in no argv) when it differs. As Ansible's,
/// a boolean compares case-insensitively and a password is set every run (debconf-show never prints passwords); a
/// password's value is shown nowhere.
/// </summary>
public sealed class DebconfModule : Module<DebconfParams>
{
    public override string Name => "debconf";

    protected override IValidator<DebconfParams> ParamsValidator => ParamsValidators.Of<DebconfParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(DebconfParams p) => [new DebconfFact(p.Name)];

    public override async Task<Plan> CheckAsync(ModuleContext context, DebconfParams p, CancellationToken ct)
    {
        var answers = await context.Facts.GetAsync(new DebconfFact(p.Name), ct);
        if (p.Question is not { } question)
        {
            return Plan.InSync($"read the {answers.Count} answer(s) of {p.Name}") with { Output = new Dictionary<string, object?> { ["current"] = Shown(answers) } };
        }

        var value = Value(p);
        var secret = p.Vtype == "password";
        var have = answers.GetValueOrDefault(question);
        var same = !secret && have is not null && (p.Vtype == "boolean" ? string.Equals(have, value, StringComparison.OrdinalIgnoreCase) : have == value);
        var shown = secret ? Secret.Redacted : value;
        if (same)
        {
            return Plan.InSync($"{p.Name} {question} is {shown}") with { Output = new Dictionary<string, object?> { ["current"] = Shown(answers) } };
        }

        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["current"] = new Dictionary<string, object?> { [question] = shown },
            ["previous"] = new Dictionary<string, object?> { [question] = secret ? Secret.Redacted : have ?? string.Empty },
        };
        return Plan.Drift(new Change($"debconf {p.Name} {question}", secret ? Secret.Redacted : have, shown)) with { Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, DebconfParams p, Plan plan, CancellationToken ct)
    {
        var command = CommandSpec.Change("debconf-set-selections", p.Unseen ? ["-u"] : []) with
        {
            StandardInput = $"{p.Name} {p.Question} {p.Vtype} {Value(p)}\n",
        };
        try
        {
            await HostCommand.RunAsync(context, command, ct);
        }
        finally
        {
            context.Facts.Invalidate<DebconfFact>();
        }

        return new ApplyResult(plan.Reason) { Output = plan.Output };
    }

    /// <summary>The value as debconf stores it: a YAML boolean (yes, True, on…) as true/false, as Ansible's str(bool) then lower().</summary>
    private static string Value(DebconfParams p)
    {
        var value = p.Value!.Reveal();
        return p.Vtype == "boolean" && Converge.Core.Yaml.YamlValues.Resolve(value) is bool b ? (b ? "true" : "false") : value;
    }

    private static Dictionary<string, object?> Shown(IReadOnlyDictionary<string, string> answers) =>
        answers.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal);
}
