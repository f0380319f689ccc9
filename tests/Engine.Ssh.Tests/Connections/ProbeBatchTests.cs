using Converge.Core.Connections;
using Converge.Core.Connections.Ssh;

namespace Converge.Ssh.Tests.Connections;

public sealed class ProbeBatchTests
{
    [Fact]
    public void Parse_gives_each_probe_its_own_output_byte_for_byte()
    {
        var batch = ProbeBatch.Create([CommandSpec.Probe("a"), CommandSpec.Probe("b"), CommandSpec.Probe("c")], "TOK");
        var stdout = "one\n\nTOK 0\ntwo-without-newline\nTOK 1\n\nTOK 127\n";
        var stderr = "\nTOK\nwarn\n\nTOK\nc: not found\n\nTOK\n";

        var results = batch.Parse(stdout, stderr)!;

        Assert.Equal(
            [new CommandResult(0, null, "one\n", string.Empty), new CommandResult(1, null, "two-without-newline", "warn\n"), new CommandResult(127, null, string.Empty, "c: not found\n")],
            results);
    }

    [Fact]
    public void Parse_rejects_a_batch_cut_short()
    {
        var batch = ProbeBatch.Create([CommandSpec.Probe("a"), CommandSpec.Probe("b")], "TOK");

        Assert.Null(batch.Parse("x\nTOK 0\npartial", "\nTOK\n"));
    }

    [Fact]
    public void Script_runs_each_probe_in_a_subshell_without_input_and_frames_it()
    {
        var batch = ProbeBatch.Create([CommandSpec.Probe("cat", "/etc/os release")], "TOK");

        Assert.Equal("( cat '/etc/os release' ) </dev/null; printf '\\n%s %s\\n' TOK $?; printf '\\n%s\\n' TOK >&2\n", batch.Script);
    }
}
