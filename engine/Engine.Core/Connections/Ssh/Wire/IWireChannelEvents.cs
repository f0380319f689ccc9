namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>What a <see cref="WireChannel"/> reports, on its connection's receive loop (so nothing here may block).</summary>
internal interface IWireChannelEvents
{
    /// <summary>Standard output of the remote command.</summary>
    void Output(ReadOnlySpan<byte> data);

    /// <summary>Standard error of the remote command.</summary>
    void Error(ReadOnlySpan<byte> data);

    /// <summary>The channel closed: the command ended (<paramref name="connectionLost"/> null) or the connection was lost.</summary>
    void Closed(Exception? connectionLost);
}
