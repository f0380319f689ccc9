using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;

namespace Converge.Modules.Common;

/// <summary>
/// What Converge does with <c>seuser</c>/<c>serole</c>/<c>setype</c>/<c>selevel</c>: on a host without SELinux, what
/// Ansible does — ignore them (its <c>set_context_if_different</c> returns unchanged when SELinux is disabled); on a host
/// with SELinux enabled, fail the task saying so, since Converge does not set SELinux contexts and a task that asked for
/// one must not pass as done. Decided from <see cref="SelinuxFact"/>, which joins the host's probe batch.
/// </summary>
public static class SelinuxAttributes
{
    public static bool AreSet(object parameters) =>
        parameters is ISelinuxParams p && (p.Seuser ?? p.Serole ?? p.Setype ?? p.Selevel) is not null;

    /// <summary>The fact the check reads, declared only when the task sets an SELinux attribute.</summary>
    public static IReadOnlyList<IFact> FactsOf(object parameters) => AreSet(parameters) ? [new SelinuxFact()] : [];

    public static async Task RefuseIfEnabledAsync(ModuleContext context, object parameters, string module, CancellationToken ct)
    {
        if (AreSet(parameters) && await context.Facts.GetAsync(new SelinuxFact(), ct))
        {
            var p = (ISelinuxParams)parameters;
            var named = new[] { ("seuser", p.Seuser), ("serole", p.Serole), ("setype", p.Setype), ("selevel", p.Selevel) }
                .Where(a => a.Item2 is not null).Select(a => $"{a.Item1}: {a.Item2}");
            throw new TaskFailedException(
                $"{module}: {string.Join(", ", named)} asks for an SELinux context, and SELinux is enabled on this host: Converge does not set SELinux contexts "
                + "(it ignores them only where SELinux is disabled, as Ansible does); remove them, or set the context with a command (semanage fcontext, restorecon)");
        }
    }
}
