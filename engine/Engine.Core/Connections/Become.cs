using Converge.Core.Secrets;

namespace Converge.Core.Connections;

/// <summary>Privilege escalation through sudo: the user to become and the sudo password (sent on stdin, never in argv).</summary>
public sealed record Become(string User = "root", Secret? Password = null);
