using Converge.Core.Modules;
using Converge.Core.Playbooks;
using Converge.Core.Variables;

namespace Converge.Core.Running;

/// <summary>A task's result as <c>register:</c> stores it (Ansible's keys: changed, failed, skipped, msg, rc, stderr, and the module's own).</summary>
internal static class RegisteredResult
{
    public static Dictionary<string, object?> Of(Plan? plan, ApplyResult? applied, bool failed, string message, IReadOnlyDictionary<string, object?>? extra, int? exitCode, string? stderr)
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["changed"] = plan?.IsChange ?? false,
            ["failed"] = failed,
            ["skipped"] = false,
            ["msg"] = message,
        };
        if (exitCode is not null)
        {
            output["rc"] = (long)exitCode.Value;
            output["stderr"] = stderr ?? string.Empty;
        }

        VariableMerge.Overlay(output, plan?.Output);
        VariableMerge.Overlay(output, applied?.Output);
        VariableMerge.Overlay(output, extra);

        return output;
    }

    /// <summary>The item's variables with this task's own result under its <c>register</c> name, for its conditions.</summary>
    public static IReadOnlyDictionary<string, object?> VarsWith(IReadOnlyDictionary<string, object?> vars, TaskDefinition task, IReadOnlyDictionary<string, object?> registered)
    {
        if (task.Register is not { } name)
        {
            return vars;
        }

        return new Dictionary<string, object?>(vars, StringComparer.Ordinal) { [name] = registered };
    }
}
