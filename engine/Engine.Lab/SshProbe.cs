using System.Net.Sockets;
using System.Text;

namespace Converge.Lab;

/// <summary>Whether an SSH server answers on a lab address: a TCP connect and the "SSH-" banner.</summary>
public static class SshProbe
{
    public static async Task<bool> IsAcceptingAsync(string address, TimeSpan timeout, CancellationToken ct)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cancel.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(address, 22, cancel.Token);
            var buffer = new byte[4];
            var read = 0;
            var stream = client.GetStream();
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancel.Token);
                if (n == 0)
                {
                    return false;
                }

                read += n;
            }

            return Encoding.ASCII.GetString(buffer) == "SSH-";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public static async Task WaitAsync(string host, string address, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsAcceptingAsync(address, TimeSpan.FromMilliseconds(500), ct))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new LabException($"host {host} ({address}) did not accept SSH within {timeout.TotalSeconds:F0} s");
            }

            await Task.Delay(50, ct);
        }
    }
}
