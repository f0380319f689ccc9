using Converge.Core.Inventory;

namespace Converge.Core.Tests.Inventory;

/// <summary>INI values go through Python's literal_eval in Ansible; these are its answers (python3 -c 'import ast; ...').</summary>
public sealed class IniValueTests
{
    public static TheoryData<string, object?> Values() => new()
    {
        { "True", true },
        { "False", false },
        { "None", null },
        { "yes", "yes" },
        { "0644", "0644" },
        { "0o644", 420L },
        { "0x1F", 31L },
        { "0b101", 5L },
        { "1_000", 1000L },
        { "-5", -5L },
        { "+5", 5L },
        { "1.5", 1.5 },
        { "1e3", 1000.0 },
        { ".5", 0.5 },
        { "1.", 1.0 },
        { "'quoted'", "quoted" },
        { "\"a\\tb\"", "a\tb" },
        { "r'a\\tb'", "a\\tb" },
        { "'a' 'b'", "ab" },
        { "hello world", "hello world" },
        { "1 # comment", 1L },
        { "x # comment", "x # comment" },
        { "1abc", "1abc" },
        { "1.2.3", "1.2.3" },
        { "192.0.2.1", "192.0.2.1" },
        { "", "" },
        { "true", "true" },
        { "-(1)", -1L },
        { "(-1)", -1L },
        { "--1", "--1" },
        { "-(True)", "-(True)" },
        { "-True", "-True" },
        { "99999999999999999999", "99999999999999999999" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void ParseOrText_matches_ast_literal_eval(string text, object? expected)
    {
        Assert.Equal(expected, PythonLiteral.ParseOrText(text));
    }

    [Fact]
    public void Lists_tuples_and_dicts_become_plain_lists_and_dictionaries()
    {
        Assert.Equal(new List<object?> { 1L, "two", 3.0 }, PythonLiteral.ParseOrText("[1, 'two', 3.0]"));
        Assert.Equal(new List<object?> { 1L, 2L }, PythonLiteral.ParseOrText("(1, 2)"));
        Assert.Equal(new List<object?> { 1L, 2L }, PythonLiteral.ParseOrText("1, 2"));
        Assert.Equal(new List<object?> { 1L }, PythonLiteral.ParseOrText("(1,)"));
        Assert.Equal(1L, PythonLiteral.ParseOrText("(1)"));
        var dictionary = Assert.IsType<Dictionary<string, object?>>(PythonLiteral.ParseOrText("{'a': 1, 2: [True, None]}"));
        Assert.Equal(1L, dictionary["a"]);
        Assert.Equal(new List<object?> { true, null }, dictionary["2"]);
        Assert.Equal("[1, 2", PythonLiteral.ParseOrText("[1, 2"));
    }

    [Theory]
    [InlineData("web[01:03]", "web01 web02 web03")]
    [InlineData("db-[a:c]", "db-a db-b db-c")]
    [InlineData("n[1:10:3]", "n1 n4 n7 n10")]
    [InlineData("[1:2]-x-[a:b]", "1-x-a 1-x-b 2-x-a 2-x-b")]
    [InlineData("h[y:B]", "hy hz hA hB")]
    [InlineData("h[:2]", "h0 h1 h2")]
    [InlineData("10.0.0.[1:3]", "10.0.0.1 10.0.0.2 10.0.0.3")]
    public void Ranges_expand_as_in_Ansible(string entry, string expected)
    {
        Assert.True(HostRange.TryExpand(entry, out var names, out var port, out var error), error);
        Assert.Null(port);
        Assert.Equal(expected.Split(' '), names);
    }

    [Theory]
    [InlineData("web1:2222", "web1", 2222L)]
    [InlineData("192.0.2.1:22", "192.0.2.1", 22L)]
    [InlineData("[2001:db8::1]:2222", "2001:db8::1", 2222L)]
    [InlineData("2001:db8::1", "2001:db8::1", null)]
    [InlineData("web[1:2]:80", "web1", 80L)]
    public void A_port_suffix_is_split_off(string entry, string first, long? expectedPort)
    {
        Assert.True(HostRange.TryExpand(entry, out var names, out var port, out _));
        Assert.Equal(first, names[0]);
        Assert.Equal(expectedPort, port);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(1.5, "1.5")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(0.1, "0.1")]
    public void Floats_are_written_like_Python_repr(double value, string expected)
    {
        Assert.Equal(expected, PythonJson.FormatFloat(value));
    }
}
