using System.Text;
using Converge.Core.Connections.Ssh;

namespace Converge.Ssh.Tests.Connections;

public sealed class ShellFrameScannerTests
{
    // The loop's two streams for three replies: the login shell's banner and the loop's empty first reply, a request
    // whose output has no final newline and whose error has one line, and one that was killed (143) with no output.
    private const string Stdout = "banner\n\nTOK 0\nout without newline\nTOK 7\n\n\nTOK 143\n";
    private const string Stderr = "motd noise\n\nTOK\nerr line\n\nTOK\n\nTOK\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Replies_come_apart_byte_for_byte_however_each_stream_is_chunked(int chunkSize)
    {
        Assert.Equal([("banner\n", 0), ("out without newline", 7), ("\n", 143)], Scan(new ShellFrameScanner("TOK"), Stdout, chunkSize));
        Assert.Equal([("motd noise\n", 0), ("err line\n", 0), (string.Empty, 0)], Scan(ShellFrameScanner.Stderr("TOK"), Stderr, chunkSize));
    }

    [Fact]
    public void A_garbled_status_line_is_an_error_not_a_guess()
    {
        var scanner = new ShellFrameScanner("TOK");

        Assert.Throws<InvalidDataException>(() => scanner.Feed("x\nTOK nope\n"u8, _ => { }, _ => { }));
    }

    [Fact]
    public void The_error_streams_marker_is_the_token_alone_so_a_status_frame_on_it_is_data()
    {
        // "\nTOK 3\n" is not a frame on standard error: only "\nTOK\n" is.
        Assert.Equal([("a\nTOK 3\nb", 0)], Scan(ShellFrameScanner.Stderr("TOK"), "a\nTOK 3\nb\nTOK\n", 2));
    }

    private static List<(string Data, int Status)> Scan(ShellFrameScanner scanner, string stream, int chunkSize)
    {
        var replies = new List<(string, int)>();
        var data = new StringBuilder();
        var bytes = Encoding.ASCII.GetBytes(stream);
        for (var at = 0; at < bytes.Length; at += chunkSize)
        {
            scanner.Feed(
                bytes.AsSpan(at, Math.Min(chunkSize, bytes.Length - at)),
                chunk => data.Append(Encoding.ASCII.GetString(chunk)),
                status =>
                {
                    replies.Add((data.ToString(), status));
                    data.Clear();
                });
        }

        return replies;
    }
}
