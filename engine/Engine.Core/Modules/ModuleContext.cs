using Converge.Core.Artifacts;
using Converge.Core.Connections;
using Converge.Core.Facts;
using Converge.Core.Templates;

namespace Converge.Core.Modules;

/// <summary>
/// Everything a module may use for one (host, task). There is deliberately no check-mode flag:
/// the runner decides whether apply is called, and the connection refuses changes in check mode.
/// </summary>
public sealed class ModuleContext
{
    /// <summary>The inventory name of the host.</summary>
    public required string Host { get; init; }

    /// <summary>The host's connection, with the task's become applied.</summary>
    public required IConnection Connection { get; init; }

    /// <summary>
    /// The task's become, already applied to <see cref="Connection"/>; null when the task runs as the login
    /// user. <see cref="Facts"/> are always read as the login user, so a module whose read must see what the
    /// become user sees reads through <see cref="Connection"/> when this is set.
    /// </summary>
    public Become? Become { get; init; }

    /// <summary>
    /// Facts cached for this host and run, read as the login user. Every change made through
    /// <see cref="Connection"/> drops them all; a module may also invalidate what it knows its change made stale.
    /// </summary>
    public required FactCache Facts { get; init; }

    /// <summary>The variables of this task on this host (inventory, play, task, registered, extra).</summary>
    public required IReadOnlyDictionary<string, object?> Variables { get; init; }

    /// <summary>The folder of the playbook, for relative <c>src</c> lookups.</summary>
    public required string PlaybookDirectory { get; init; }

    /// <summary>The one template engine (strict: undefined variables are errors).</summary>
    public required TemplateEngine Templates { get; init; }

    /// <summary>The controller's content-addressed artifact store (built packages).</summary>
    public required ArtifactStore Artifacts { get; init; }

    /// <summary>Verbose log lines for <c>-v</c>; redacted by the reporter.</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>The innermost role around the task, if any: its <c>templates/</c> and <c>files/</c> come before the playbook's.</summary>
    public Playbooks.Roles.RoleInstance? Role { get; init; }

    /// <summary>Resolves a controller-side path the way Ansible does: absolute, then the role's <c>templates/</c> or <c>files/</c> and the role folder, then the playbook's.</summary>
    public string ResolveLocalPath(string path, string conventionalFolder) => ResolveLocalPath(PlaybookDirectory, Role, path, conventionalFolder);

    /// <summary>The same rule for a given playbook directory (load-time validation resolves sources before any module runs).</summary>
    public static string ResolveLocalPath(string playbookDirectory, Playbooks.Roles.RoleInstance? role, string path, string conventionalFolder)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        foreach (var folder in SearchDirectories(playbookDirectory, role, conventionalFolder))
        {
            var candidate = Path.Combine(folder, path);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(playbookDirectory, path);
    }

    /// <summary>Where a relative <c>src</c> is looked up, in order (Ansible's search stack: the role first, then the playbook).</summary>
    public static IEnumerable<string> SearchDirectories(string playbookDirectory, Playbooks.Roles.RoleInstance? role, string conventionalFolder) =>
        (role?.SearchDirectories(conventionalFolder) ?? []).Concat([Path.Combine(playbookDirectory, conventionalFolder), playbookDirectory]);
}
