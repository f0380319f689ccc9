using System.Text.Json;
using Converge.TestKit;

namespace Converge.Lab.Tests.Seed;

/// <summary>One run of <c>converge</c> on a seed lab: its exit code and output, and its JSON report.</summary>
public sealed record SeedRun(ConvergeOutcome Outcome, JsonElement Report)
{
    public int ExitCode => Outcome.ExitCode;

    /// <summary>Changed tasks over every host (handlers included).</summary>
    public int Changed => Report.GetProperty("hosts").EnumerateObject().Sum(h => h.Value.GetProperty("changed").GetInt32());

    public bool Unreachable(string host) => Report.GetProperty("hosts").GetProperty(host).GetProperty("unreachable").GetBoolean();

    /// <summary>The hosts on which the task of that name (or a handler of that module) ended with that status, sorted.</summary>
    public IReadOnlyList<string> Hosts(string task, string status) =>
        [.. Tasks()
            .Where(t => (t.GetProperty("task").GetString() == task || t.GetProperty("module").GetString() == task) && t.GetProperty("status").GetString() == status)
            .Select(t => t.GetProperty("host").GetString()!)
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>The names of the tasks that changed on a host, in report order.</summary>
    public IReadOnlyList<string> ChangedTasks(string host) =>
        [.. Tasks()
            .Where(t => t.GetProperty("host").GetString() == host && t.GetProperty("status").GetString() == "changed")
            .Select(t => t.GetProperty("task").GetString()!)];

    public override string ToString() => Outcome.ToString();

    private IEnumerable<JsonElement> Tasks() => Report.GetProperty("tasks").EnumerateArray();
}
