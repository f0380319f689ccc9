namespace Converge.Core.Reporting;

/// <summary>Live progress of a run, for the terminal. Called from many hosts' workers at once.</summary>
public interface IRunObserver
{
    void TaskStarted(string host, string task);

    void TaskFinished(TaskOutcome outcome);

    void HostFinished(HostSummary summary);
}
