namespace Converge.Modules.Supervisorctl;

/// <summary>One line of <c>supervisorctl status</c>: the process (<c>group:program</c> in a group) and its state word.</summary>
public sealed record SupervisorProcess(string Name, string Status);
