using Converge.Modules.Line;

namespace Converge.Modules.Tests.Line;

public sealed class LineEditTests
{
    private static readonly List<string> Config = ["# sshd", "Port 22", "#PermitRootLogin yes", "UsePAM yes"];

    [Fact]
    public void Regexp_ReplacesTheLastMatch()
    {
        var edited = LineEdit.Apply(["a=1", "b=2", "a=3"], new LineParams { Path = "/x", Regexp = "^a=", Line = "a=9" });

        Assert.Equal(["a=1", "b=2", "a=9"], edited);
    }

    [Fact]
    public void Regexp_WithoutMatch_AppendsAtTheEnd_UnlessTheLineIsThere()
    {
        var appended = LineEdit.Apply(Config, new LineParams { Path = "/x", Regexp = "^PermitRootLogin", Line = "PermitRootLogin no" });
        var present = LineEdit.Apply([.. Config, "PermitRootLogin no"], new LineParams { Path = "/x", Regexp = "^NoSuch", Line = "PermitRootLogin no" });

        Assert.Equal("PermitRootLogin no", appended[^1]);
        Assert.Equal(5, present.Count);
    }

    [Fact]
    public void InsertAfter_And_InsertBefore_PlaceANewLine()
    {
        var after = LineEdit.Apply(Config, new LineParams { Path = "/x", Line = "Port 2222", InsertAfter = "^Port" });
        var before = LineEdit.Apply(Config, new LineParams { Path = "/x", Line = "Include x", InsertBefore = "BOF" });
        var beforeMatch = LineEdit.Apply(Config, new LineParams { Path = "/x", Line = "X", InsertBefore = "^UsePAM" });
        var missingAnchor = LineEdit.Apply(Config, new LineParams { Path = "/x", Line = "X", InsertAfter = "^Nothing" });

        Assert.Equal("Port 2222", after[2]);
        Assert.Equal("Include x", before[0]);
        Assert.Equal("X", beforeMatch[3]);
        Assert.Equal("X", missingAnchor[^1]);
    }

    [Fact]
    public void Absent_RemovesEveryMatchOrEveryExactCopy()
    {
        var byRegexp = LineEdit.Apply(["a=1", "b=2", "a=3"], new LineParams { Path = "/x", State = "absent", Regexp = "^a=" });
        var byLine = LineEdit.Apply(["a", "b", "a"], new LineParams { Path = "/x", State = "absent", Line = "a" });

        Assert.Equal(["b=2"], byRegexp);
        Assert.Equal(["b"], byLine);
    }

    [Fact]
    public void SplitAndJoin_KeepLinesAndAddTheFinalNewline()
    {
        Assert.Equal(["a", "b"], LineEdit.Split("a\nb\n"));
        Assert.Equal(["a", "b"], LineEdit.Split("a\nb"));
        Assert.Empty(LineEdit.Split(string.Empty));
        Assert.Equal("a\nb\n", LineEdit.Join(["a", "b"]));
    }
}
