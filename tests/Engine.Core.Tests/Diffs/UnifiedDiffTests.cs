using Converge.Core.Diffs;

namespace Converge.Core.Tests.Diffs;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff() =>
        Assert.Null(UnifiedDiff.Create("a\n", "a\n", "x", "y"));

    [Fact]
    public void A_changed_line_is_shown_with_context_like_diff_u()
    {
        var before = "1\n2\n3\n4\n5\n6\n7\n8\n";
        var after = "1\n2\n3\n4\nfive\n6\n7\n8\n";

        var diff = UnifiedDiff.Create(before, after, "a/f", "b/f");

        Assert.Equal("--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n", diff!.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_file_is_all_additions()
    {
        var diff = UnifiedDiff.Create(null, "a\nb\n", "/dev/null", "b/f");

        Assert.Equal("--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n", diff!.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
