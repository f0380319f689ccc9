using System.Collections.Concurrent;
using Converge.Core.Reporting;

namespace Converge.Core.Tests.Support;

internal sealed class RecordingObserver : IRunObserver
{
    public ConcurrentQueue<string> Started { get; } = new();

    public void TaskStarted(string host, string task) => Started.Enqueue($"{host}:{task}");

    public void TaskFinished(TaskOutcome outcome)
    {
    }

    public void HostFinished(HostSummary summary)
    {
    }
}
