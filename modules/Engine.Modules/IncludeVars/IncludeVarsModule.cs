using System.Text.RegularExpressions;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Yaml;
using FluentValidation;
using YamlDotNet.RepresentationModel;

namespace Converge.Modules.IncludeVars;

/// <summary>
/// <c>include_vars</c>: reads vars files on the controller when the task runs (so a file named from facts is
/// found then) and hands their variables to the runner, which sets them on the host for the rest of the run, as
/// Ansible does. Never changes the host.
/// </summary>
public sealed class IncludeVarsModule : Module<IncludeVarsParams>
{
    public override string Name => "include_vars";

    protected override IValidator<IncludeVarsParams> ParamsValidator => ParamsValidators.Of<IncludeVarsParamsValidator>();

    public override Task<Plan> CheckAsync(ModuleContext context, IncludeVarsParams parameters, CancellationToken ct)
    {
        var files = parameters.File is { } file ? [Found(context, file)] : FilesOf(context, parameters);
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            foreach (var (key, value) in Read(path))
            {
                vars[key] = value;
            }
        }

        var variables = parameters.Name is { } name ? new Dictionary<string, object?>(StringComparer.Ordinal) { [name] = vars } : vars;
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [HostVariables.ValuesKey] = variables,
            [HostVariables.MarkerKey] = true,
            ["ansible_included_var_files"] = files.ToList(),
        };
        return Task.FromResult(Plan.InSync($"read {string.Join(", ", files.Select(Path.GetFileName))}") with { Output = output });
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, IncludeVarsParams parameters, Plan plan, CancellationToken ct) =>
        throw new InvalidOperationException("include_vars never plans a change, so it is never applied");

    private static string Found(ModuleContext context, string file)
    {
        var path = context.ResolveLocalPath(file, "vars");
        return System.IO.File.Exists(path) ? path
            : throw new TaskFailedException($"include_vars: '{file}' not found (looked in {string.Join(", ", ModuleContext.SearchDirectories(context.PlaybookDirectory, context.Role, "vars"))})");
    }

    private static IReadOnlyList<string> FilesOf(ModuleContext context, IncludeVarsParams parameters)
    {
        var dir = DirectoryOf(context.PlaybookDirectory, context.Role, parameters.Dir!);
        if (!Directory.Exists(dir))
        {
            throw new TaskFailedException($"include_vars: folder '{parameters.Dir}' not found (looked for {dir})");
        }

        var matching = parameters.FilesMatching is { } pattern ? new Regex(pattern) : null;
        var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => parameters.Depth == 0 || Path.GetRelativePath(dir, f).Count(c => c == Path.DirectorySeparatorChar) < parameters.Depth)
            .Where(f => matching is null || matching.IsMatch(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        bool Known(string f) => parameters.Extensions.Contains(Path.GetExtension(f).TrimStart('.'), StringComparer.Ordinal);
        if (!parameters.IgnoreUnknownExtensions && files.FirstOrDefault(f => !Known(f)) is { } unknown)
        {
            throw new TaskFailedException($"include_vars: {unknown} does not have a valid extension: {string.Join(", ", parameters.Extensions)}");
        }

        return files.Where(Known).ToList();
    }

    /// <summary>As in Ansible: a relative <c>dir</c> is in the role's <c>vars/</c>, outside a role beside the playbook.</summary>
    public static string DirectoryOf(string playbookDirectory, Core.Playbooks.Roles.RoleInstance? role, string dir) =>
        Path.IsPathRooted(dir) ? dir : role is null ? Path.Combine(playbookDirectory, dir) : Path.Combine(role.Path, "vars", dir);

    private static IReadOnlyDictionary<string, object?> Read(string path)
    {
        var diagnostics = new DiagnosticBag();
        var yaml = YamlFile.Load(path, diagnostics);
        if (diagnostics.HasErrors)
        {
            throw new TaskFailedException($"include_vars: {string.Join("; ", diagnostics.Items.Select(d => d.ToString()))}");
        }

        return yaml?.Root switch
        {
            YamlMappingNode mapping => YamlValues.ToDictionary(mapping),
            null => new Dictionary<string, object?>(),
            _ => throw new TaskFailedException($"include_vars: {path} must be a mapping of variable names to values"),
        };
    }
}
