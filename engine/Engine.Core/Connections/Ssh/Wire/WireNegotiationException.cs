namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>
/// The server offers none of the algorithms <see cref="WireClient"/> implements for one of the lists of its key
/// exchange (<see cref="WireAlgorithms"/>). Nothing secret has been sent yet; the caller connects with SSH.NET,
/// which speaks many more.
/// </summary>
public sealed class WireNegotiationException(string message) : IOException(message);
