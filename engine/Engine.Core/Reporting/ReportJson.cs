using System.Text.Json;
using System.Text.Json.Nodes;

namespace Converge.Core.Reporting;

/// <summary>The JSON report (<c>--report FILE</c>) in the shape DESIGN.md gives.</summary>
public static class ReportJson
{
    public static string Write(RunReport report)
    {
        var hosts = new JsonObject();
        foreach (var host in report.Hosts)
        {
            hosts[host.Host] = new JsonObject
            {
                ["ok"] = host.Ok,
                ["changed"] = host.Changed,
                ["failed"] = host.Failed,
                ["skipped"] = host.Skipped,
                ["unreachable"] = host.Unreachable,
                ["rescued"] = host.Rescued,
                ["ignored"] = host.Ignored,
            };
        }

        var tasks = new JsonArray();
        foreach (var task in report.Tasks)
        {
            var changes = new JsonArray();
            foreach (var change in task.Changes)
            {
                changes.Add(new JsonObject { ["path"] = change.Path, ["before"] = change.Before, ["after"] = change.After });
            }

            var entry = new JsonObject
            {
                ["host"] = task.Host,
                ["task"] = task.Task,
                ["module"] = task.Module,
                ["status"] = task.Status.ToString().ToLowerInvariant(),
                ["changes"] = changes,
                ["diff"] = task.Diff,
                ["message"] = task.Message,
                ["duration_ms"] = task.DurationMs,
                ["assumed"] = task.Assumed,
                ["handler"] = task.IsHandler,
            };
            if (task.Rescued)
            {
                entry["rescued"] = true;
            }

            if (task.Command is not null)
            {
                entry["command"] = task.Command;
                entry["exit_code"] = task.ExitCode;
                entry["stderr_tail"] = task.StderrTail;
            }

            tasks.Add(entry);
        }

        var root = new JsonObject
        {
            ["mode"] = report.Check ? "check" : "apply",
            ["duration_ms"] = report.DurationMs,
            ["interrupted"] = report.Interrupted,
            ["hosts"] = hosts,
            ["tasks"] = tasks,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
