using Converge.Core.Diagnostics;
using Converge.Core.Playbooks;

namespace Converge.Core.Running;

/// <summary>
/// A play's <c>vars_prompt</c> answered before any host is contacted: a value given with <c>-e</c> wins (Ansible
/// does not ask for it); else, on a terminal, the question is asked (hidden when private; an empty answer takes the
/// default; a private answer is never printed); else the default; else it is a located diagnostic, as a run without a terminal cannot ask.
/// </summary>
internal static class PromptedVariables
{
    public static void Add(Play play, IReadOnlyDictionary<string, object?> extra, Func<VarsPrompt, string?>? ask, ICollection<Secrets.Secret> concealed, Dictionary<string, object?> vars, DiagnosticBag diagnostics)
    {
        foreach (var prompt in play.Prompts)
        {
            if (extra.ContainsKey(prompt.Name))
            {
                continue;
            }

            var typed = ask?.Invoke(prompt);
            if (typed is { Length: > 0 })
            {
                // A private answer (a password, typically) is redacted from every output, as vault values are.
                if (prompt.Private)
                {
                    concealed.Add(new Secrets.Secret(typed));
                }

                vars[prompt.Name] = typed;
            }
            else if (prompt.Default is not null)
            {
                vars[prompt.Name] = prompt.Default;
            }
            else if (typed is not null)
            {
                vars[prompt.Name] = typed;
            }
            else
            {
                diagnostics.Add(prompt.Span, $"vars_prompt '{prompt.Name}': no value and no terminal to ask on; give it with -e {prompt.Name}=VALUE or add a default:");

                // Defined, so that its uses are not reported as undefined on top of this.
                vars[prompt.Name] = string.Empty;
            }
        }
    }
}
