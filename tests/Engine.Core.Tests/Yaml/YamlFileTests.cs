using System.Text;
using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using Converge.Core.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Tests.Yaml;

/// <summary>The one reading path of every input file: its bounds and the YAML rules Ansible's loader applies.</summary>
public sealed class YamlFileTests
{
    private static (YamlFile? File, IReadOnlyList<Diagnostic> Diagnostics) Parse(string text)
    {
        var diagnostics = new DiagnosticBag();
        var file = YamlFile.Parse("in.yml", text, diagnostics);
        return (file, diagnostics.Items);
    }

    private static Diagnostic Refused(string text)
    {
        var (file, diagnostics) = Parse(text);
        Assert.Null(file);
        return Assert.Single(diagnostics);
    }

    [Fact]
    public void Merge_keys_are_merged_with_own_keys_winning_and_the_first_merged_mapping_winning()
    {
        var (file, diagnostics) = Parse("a: &a {user: admin, port: 22}\nb: &b {user: deploy}\nx:\n  <<: [*b, *a]\n  port: 2222\ny: {'<<': kept}\n");

        Assert.Empty(diagnostics);
        var values = YamlValues.ToDictionary((YamlMappingNode)file!.Root!);
        Assert.Equal(new Dictionary<string, object?> { ["user"] = "deploy", ["port"] = 2222L }, values["x"]);
        Assert.Equal(new Dictionary<string, object?> { ["<<"] = "kept" }, values["y"]);
    }

    [Fact]
    public void A_second_document_is_an_error_at_its_start_not_silently_dropped()
    {
        var error = Refused("- hosts: a\n---\n- hosts: b\n");

        Assert.Equal(new SourceSpan("in.yml", 3, 1), error.Span);
        Assert.Contains("second YAML document", error.Message);
    }

    [Fact]
    public void One_document_with_its_markers_is_fine() =>
        Assert.Empty(Parse("---\na: 1\n...\n").Diagnostics);

    [Theory]
    [InlineData("a: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n")]
    [InlineData("a: !unsafe '{{ not templated }}'\n")]
    [InlineData("a: !!str 0644\nb: !!int 3\n")]
    public void The_tags_Ansible_uses_are_accepted(string text) =>
        Assert.DoesNotContain(Parse(text).Diagnostics, d => d.Message.Contains("tag", StringComparison.Ordinal));

    [Fact]
    public void An_unknown_tag_is_an_error_at_the_tag()
    {
        var error = Refused("a: 1\nb: !include other.yml\n");

        Assert.Equal(new SourceSpan("in.yml", 2, 4), error.Span);
        Assert.Contains("unknown or unsupported tag '!include'", error.Message);
    }

    [Fact]
    public void Aliases_used_a_reasonable_number_of_times_still_work()
    {
        var (file, diagnostics) = Parse("base: &b {a: 1, b: [1, 2, 3]}\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"k{i}: *b\n")));

        Assert.Empty(diagnostics);
        Assert.Equal(1001, ((YamlMappingNode)file!.Root!).Children.Count);
    }

    [Fact]
    public void An_alias_bomb_is_refused_at_the_alias_that_crosses_the_bound()
    {
        var text = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 6; i++)
        {
            text.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        }

        var error = Refused(text.ToString());

        Assert.Equal(5, error.Span.Line);
        Assert.Contains("alias bomb", error.Message);
    }

    [Fact]
    public void A_recursive_alias_is_refused_instead_of_overflowing_the_stack()
    {
        var error = Refused("a: &a\n  b: [1, *a]\n");

        Assert.Equal(new SourceSpan("in.yml", 2, 10), error.Span);
        Assert.Contains("recursive", error.Message);
    }

    [Fact]
    public void Nesting_is_bounded_and_the_bound_itself_is_allowed()
    {
        var depth = CheckedYamlParser.MaxDepth;
        Assert.Empty(Parse(new string('[', depth) + new string(']', depth)).Diagnostics);

        var error = Refused(new string('[', 200_000) + new string(']', 200_000));

        Assert.Equal(new SourceSpan("in.yml", 1, depth + 1), error.Span);
        Assert.Contains("nesting is deeper than", error.Message);
    }

    [Fact]
    public void A_control_character_is_an_error_at_its_place() =>
        Assert.Equal(new SourceSpan("in.yml", 2, 6), Refused("a: 1\nb: \"x\u0001\"\n").Span);

    [Fact]
    public void An_unclosed_bracket_followed_by_another_key_is_a_located_error_not_a_crash()
    {
        var error = Refused("a: [1, 2\nb: 3\n");

        Assert.Equal("in.yml", error.Span.File);
        Assert.True(error.Span.IsKnown, error.ToString());
    }

    [Fact]
    public void Invalid_UTF8_is_an_error_at_the_byte_instead_of_a_replacement_character()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("in.yml", string.Empty);
        File.WriteAllBytes(path, [.. "a: 1\nb: caf"u8, 0xE9, .. "\n"u8]);
        var diagnostics = new DiagnosticBag();

        Assert.Null(YamlFile.Load(path, diagnostics));

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(new SourceSpan(path, 2, 7), error.Span);
        Assert.Contains("invalid UTF-8", error.Message);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("in.yml", string.Empty);
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "a: 1\n"u8]);
        var diagnostics = new DiagnosticBag();

        var file = YamlFile.Load(path, diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal("a", YamlValues.KeyText(((YamlMappingNode)file!.Root!).Children.Keys.Single()));
    }
}
