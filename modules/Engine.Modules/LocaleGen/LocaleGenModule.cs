using System.Text;
using System.Text.RegularExpressions;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.LocaleGen;

/// <summary>
/// <c>locale_gen</c> (community.general): present when <c>locale -a</c> lists the locale (encodings compared as that module
/// normalizes them: utf8 = UTF-8). On Debian its /etc/locale.gen line is uncommented (or commented out for absent) and
/// <c>locale-gen</c> run; on Ubuntu <c>locale-gen NAME</c>, or the name dropped from supported.d and <c>locale-gen --purge</c>.
/// </summary>
public sealed class LocaleGenModule : Module<LocaleGenParams>
{
    private static readonly (string From, string To)[] Normalization =
    [
        (".utf8", ".UTF-8"), (".eucjp", ".EUC-JP"), (".iso885915", ".ISO-8859-15"), (".cp1251", ".CP1251"), (".koi8r", ".KOI8-R"),
        (".armscii8", ".ARMSCII-8"), (".euckr", ".EUC-KR"), (".gbk", ".GBK"), (".gb18030", ".GB18030"), (".euctw", ".EUC-TW"),
    ];

    public override string Name => "locale_gen";

    protected override IValidator<LocaleGenParams> ParamsValidator => ParamsValidators.Of<LocaleGenParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(LocaleGenParams p) => [new LocaleFact()];

    public override async Task<Plan> CheckAsync(ModuleContext context, LocaleGenParams p, CancellationToken ct)
    {
        var state = await context.Facts.GetAsync(new LocaleFact(), ct);
        if (state.Mode == "none")
        {
            throw new TaskFailedException("/etc/locale.gen and /var/lib/locales/supported.d/local are missing. Is the package \"locales\" installed?");
        }

        if (!IsAvailable(state, p.Name))
        {
            throw new TaskFailedException($"The locale you've entered is not available on your system: {p.Name} is not in {(state.Mode == "ubuntu" ? "/usr/share/i18n/SUPPORTED" : "/etc/locale.gen")}");
        }

        var present = state.Generated.Any(l => Normalize(l) == Normalize(p.Name));
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = p.Name, ["state"] = p.State };
        return present == (p.State == "present")
            ? Plan.InSync($"locale {p.Name} is {(present ? "generated" : "not generated")}") with { Output = output }
            : Plan.Drift(new Change($"locale {p.Name}", present ? "generated" : "not generated", present ? "not generated" : "generated")) with { Output = output, State = state };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, LocaleGenParams p, Plan plan, CancellationToken ct)
    {
        var state = plan.State as LocaleState ?? throw new TaskFailedException("locale_gen: apply was given a plan this module did not make");
        try
        {
            if (state.Mode == "debian")
            {
                // community.general's set_locale: the line, commented or not, rewritten as "NAME charset" or "# NAME charset".
                var line = new Regex("#?[^\\S\\n]*" + Regex.Escape(p.Name) + " (?<charset>.+)");
                var text = line.Replace(state.Available, m => (p.State == "present" ? string.Empty : "# ") + p.Name + " " + m.Groups["charset"].Value);
                await context.Connection.WriteFileAsync("/etc/locale.gen", Encoding.UTF8.GetBytes(text), FileWriteOptions.Default, ct);
                await HostCommand.RunAsync(context, CommandSpec.Change("locale-gen"), ct);
            }
            else if (p.State == "present")
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("locale-gen", p.Name), ct);
            }
            else
            {
                const string Drop = "f=/var/lib/locales/supported.d/local; [ ! -f \"$f\" ] || { grep -v \"^$1 \" \"$f\" > \"$f.converge\"; mv -f \"$f.converge\" \"$f\"; }; locale-gen --purge";
                await HostCommand.RunAsync(context, CommandSpec.Change("/bin/sh", "-c", Drop, "converge-locale-gen", p.Name), ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<LocaleFact>();
        }

        return new ApplyResult(plan.Reason) { Output = plan.Output };
    }

    private static bool IsAvailable(LocaleState state, string name)
    {
        var pattern = state.Mode == "ubuntu" ? "^(?<locale>\\S+_\\S+) (?<charset>\\S+)\\s*$" : "^#?\\s*(?<locale>\\S+_\\S+) (?<charset>\\S+)\\s*$";
        return state.Available.Split('\n').Any(l => Regex.Match(l, pattern) is { Success: true } m && m.Groups["locale"].Value == name);
    }

    private static string Normalize(string name) => Normalization.Aggregate(name, (n, r) => n.Replace(r.From, r.To, StringComparison.Ordinal));
}
