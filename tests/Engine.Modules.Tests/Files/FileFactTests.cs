using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Modules.Common;

namespace Converge.Modules.Tests.Files;

/// <summary>The parser of <see cref="FileFact"/>, from output recorded on Debian 12 (GNU coreutils 9.1).</summary>
public sealed class FileFactTests
{
    [Fact]
    public void Parse_RegularFile_GivesStatAndHash()
    {
        var output = "h\n--\nregular file|6|644|root|adm|0|4\n--\n5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  /etc/motd\n";

        var snapshot = new FileFact("/etc/motd").Parse(new CommandResult(0, null, output, string.Empty));

        Assert.Equal(new FileStat("/etc/motd", FileKind.File, 6, 0b110_100_100, "root", "adm"), snapshot.Stat);
        Assert.Equal("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", snapshot.Sha256);
        Assert.Equal(("0", "4"), (snapshot.Uid, snapshot.Gid));
    }

    [Fact]
    public void Parse_Absent_GivesNoStat()
    {
        var snapshot = new FileFact("/nope").Parse(new CommandResult(0, null, "a\n--\n--\n", string.Empty));

        Assert.False(snapshot.Exists);
    }

    [Fact]
    public void Parse_DirectoryAndEmptyFile_GiveKinds()
    {
        var directory = new FileFact("/etc").Parse(new CommandResult(0, null, "e\n--\ndirectory|4096|755|root|root|0|0\n--\n", string.Empty));
        var empty = new FileFact("/e").Parse(new CommandResult(0, null, "h\n--\nregular empty file|0|600|root|root|0|0\n--\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  /e\n", string.Empty));

        Assert.Equal(FileKind.Directory, directory.Stat!.Kind);
        Assert.Null(directory.Sha256);
        Assert.Equal(FileKind.File, empty.Stat!.Kind);
        Assert.Equal(0b110_000_000, empty.Stat.Mode);
    }

    [Fact]
    public void Parse_StatFailure_IsATaskFailureWithStderr()
    {
        var error = Assert.Throws<TaskFailedException>(() =>
            new FileFact("/root/x").Parse(new CommandResult(2, null, string.Empty, "stat: cannot statx '/root/x': Permission denied\n")));

        Assert.Contains("Permission denied", error.StderrTail);
    }

    [Fact]
    public async Task The_probe_reads_a_real_file_in_one_command()
    {
        var path = System.IO.Path.GetTempFileName();
        try
        {
            await System.IO.File.WriteAllTextAsync(path, "hello\n");
            var fact = new FileFact(path);

            var snapshot = fact.Parse(await new LocalConnection("localhost").RunAsync(fact.Command, CancellationToken.None));

            Assert.Equal(CommandKind.Probe, fact.Command.Kind);
            Assert.Equal("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", snapshot.Sha256);
            Assert.Equal(6, snapshot.Stat!.Size);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
