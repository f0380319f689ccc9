using System.Text;
using Converge.Core.Connections.Ssh;

namespace Converge.Ssh.Tests.Connections;

public sealed class ShellFrameScannerTests
{
    private const string Stream = "banner\n\nTOK 0\n\nTOK\nout without newline\nTOK 7\nerr line\n\nTOK\n\n\nTOK 143\n\nTOK\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Replies_come_apart_byte_for_byte_however_the_stream_is_chunked(int chunkSize)
    {
        var replies = new List<(string Stdout, string Stderr, int Status)>();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var scanner = new ShellFrameScanner("TOK");
        var bytes = Encoding.ASCII.GetBytes(Stream);

        for (var at = 0; at < bytes.Length; at += chunkSize)
        {
            scanner.Feed(
                bytes.AsSpan(at, Math.Min(chunkSize, bytes.Length - at)),
                data => stdout.Append(Encoding.ASCII.GetString(data)),
                data => stderr.Append(Encoding.ASCII.GetString(data)),
                status =>
                {
                    replies.Add((stdout.ToString(), stderr.ToString(), status));
                    stdout.Clear();
                    stderr.Clear();
                });
        }

        Assert.Equal([("banner\n", string.Empty, 0), ("out without newline", "err line\n", 7), ("\n", string.Empty, 143)], replies);
    }

    [Fact]
    public void A_garbled_status_line_is_an_error_not_a_guess()
    {
        var scanner = new ShellFrameScanner("TOK");

        Assert.Throws<InvalidDataException>(() => scanner.Feed("x\nTOK nope\n"u8, _ => { }, _ => { }, _ => { }));
    }
}
