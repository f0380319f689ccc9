namespace Converge.Core.Diagnostics;

/// <summary>The host cannot be reached (refused, timed out, authentication or host key failure, dropped).</summary>
public sealed class HostUnreachableException : ConvergeException
{
    public HostUnreachableException(string host, string message, Exception? inner = null)
        : base($"{host}: {message}", inner)
    {
        Host = host;
        Reason = message;
    }

    public string Host { get; }

    public string Reason { get; }
}
