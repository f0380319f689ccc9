using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Connections;

public sealed class CheckModeConnectionTests
{
    [Fact]
    public async Task Reads_pass_and_every_change_is_refused_leaving_the_host_untouched()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("motd", "old\n");
        var connection = new CheckModeConnection(new LocalConnection("localhost"));

        var read = await connection.ReadFileAsync(file, null, default);
        var stat = await connection.StatAsync(file, null, default);
        var probe = await connection.RunAsync(CommandSpec.Probe("cat", file), default);
        await Assert.ThrowsAsync<CheckModeViolationException>(() => connection.WriteFileAsync(file, "new\n"u8.ToArray(), FileWriteOptions.Default, default));
        await Assert.ThrowsAsync<CheckModeViolationException>(() => connection.RunAsync(CommandSpec.Change("rm", file), default));
        await Assert.ThrowsAsync<CheckModeViolationException>(() => connection.UploadAsync(file, file + ".2", FileWriteOptions.Default, default));

        Assert.Equal("old\n", System.Text.Encoding.UTF8.GetString(read!));
        Assert.Equal(FileKind.File, stat!.Kind);
        Assert.Equal("old\n", probe.Stdout);
        Assert.Equal("old\n", await File.ReadAllTextAsync(file));
        Assert.False(File.Exists(file + ".2"));
    }
}
