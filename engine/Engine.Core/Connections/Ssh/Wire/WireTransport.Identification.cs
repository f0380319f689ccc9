using System.Text;

namespace Converge.Core.Connections.Ssh.Wire;

internal sealed partial class WireTransport
{
    /// <summary>RFC 4253 §4.2: the server may send other lines before its identification; each ends in CR LF or LF.</summary>
    private async ValueTask<string> ReadVersionAsync(CancellationToken ct)
    {
        for (var lines = 0; lines < MaxVersionLines; lines++)
        {
            var end = -1;
            while (true)
            {
                end = Array.IndexOf(_in, (byte)'\n', _inStart, _inEnd - _inStart);
                if (end >= 0 || _inEnd - _inStart >= 8192)
                {
                    break;
                }

                try
                {
                    await FillAsync(_inEnd - _inStart + 1, ct);
                }
                catch (WireProtocolException) when (lines > 0 || _inEnd > _inStart)
                {
                    // It said something else and hung up (a web server's 400 reply): that, not the hang-up, is the news.
                    throw new WireProtocolException("the server sent no SSH identification line (is this an SSH server?)");
                }
            }

            if (end < 0)
            {
                throw new WireProtocolException("the server sent no SSH identification line (is this an SSH server?)");
            }

            var line = Encoding.ASCII.GetString(_in, _inStart, end - _inStart).TrimEnd('\r');
            _inStart = end + 1;
            if (line.StartsWith("SSH-", StringComparison.Ordinal))
            {
                return line.StartsWith("SSH-2.0-", StringComparison.Ordinal) || line.StartsWith("SSH-1.99-", StringComparison.Ordinal)
                    ? line
                    : throw new WireProtocolException($"the server speaks an SSH version Converge does not: {line}");
            }
        }

        throw new WireProtocolException("the server sent no SSH identification line (is this an SSH server?)");
    }
}
