using System.Text.Json;
using Converge.TestKit;

namespace Converge.Modules.Tests.Common;

/// <summary>One run of the real <c>converge</c> with <c>--report</c>, and what the report counts for one host (-1 when there is no report).</summary>
public sealed record ReportedRun(int Exit, int Ok, int Changed, int Failed, string Output)
{
    public static async Task<ReportedRun> RunAsync(IReadOnlyList<string> arguments, string workDirectory, string host)
    {
        var report = Path.Combine(workDirectory, $"report-{Guid.NewGuid():N}.json");
        var outcome = await ConvergeProcess.RunAsync([.. arguments, "--report", report]);
        if (!File.Exists(report))
        {
            return new ReportedRun(outcome.ExitCode, -1, -1, -1, outcome.ToString());
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var counts = json.RootElement.GetProperty("hosts").GetProperty(host);
        int Count(string name) => counts.GetProperty(name).GetInt32();
        return new ReportedRun(outcome.ExitCode, Count("ok"), Count("changed"), Count("failed"), outcome.ToString());
    }
}
