namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>The server broke the SSH protocol, or the connection broke under it; the connection cannot be used any more.</summary>
public sealed class WireProtocolException(string message, Exception? inner = null) : IOException(message, inner);
