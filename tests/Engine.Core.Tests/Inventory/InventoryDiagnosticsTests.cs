using Converge.Core.Diagnostics;
using Converge.Core.Inventory;

namespace Converge.Core.Tests.Inventory;

public sealed class InventoryDiagnosticsTests
{
    private static List<string> Load(TempInventory files, params string[] sources)
    {
        var diagnostics = new DiagnosticBag();
        InventoryLoader.Load([.. sources.Select(files.PathOf)], diagnostics);
        return [.. diagnostics.Items.Select(d => d.ToString().Replace(files.Root + "/", string.Empty, StringComparison.Ordinal))];
    }

    [Fact]
    public void An_unknown_key_in_a_YAML_group_is_reported_with_a_suggestion()
    {
        using var files = new TempInventory();
        files.Write("hosts.yml", "all:\n  children:\n    web:\n      hostz:\n        web1:\n");

        var diagnostics = Load(files, "hosts.yml");

        Assert.Equal(["hosts.yml:4:7: unknown key 'hostz' in group 'web'; did you mean 'hosts'? (a group has only 'hosts', 'children' and 'vars')"], diagnostics);
    }

    [Fact]
    public void Malformed_YAML_is_reported_where_the_parser_stopped()
    {
        using var files = new TempInventory();
        files.Write("hosts.yml", "all:\n  hosts:\n    web1:\n   bad: [\n");

        var diagnostics = Load(files, "hosts.yml");

        var single = Assert.Single(diagnostics);
        Assert.StartsWith("hosts.yml:4:", single, StringComparison.Ordinal);
        Assert.Contains("malformed YAML", single, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_types_in_a_YAML_inventory_are_each_reported()
    {
        using var files = new TempInventory();
        files.Write("hosts.yml", "all:\n  hosts:\n    - web1\n    - web2\n  children:\n    db:\n      vars: [a, b]\n      hosts:\n        1:\n        db1: [x]\n");

        var diagnostics = Load(files, "hosts.yml");

        Assert.Equal(
            [
                "hosts.yml:3:5: 'hosts' of group 'all' must be a mapping ('host:' per line), not a list",
                "hosts.yml:7:13: 'vars' of group 'db' must be a mapping ('variable: value' per line), not a list",
                "hosts.yml:9:9: host name '1' must be a string; enclose it in quotes",
                "hosts.yml:10:14: host 'db1' must have a mapping of variables (or nothing), not a list",
            ],
            diagnostics);
    }

    [Fact]
    public void Every_INI_problem_is_reported_and_loading_continues()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", string.Join('\n',
            "[web]",
            "web[1:x] a=1",
            "web2 novalue",
            "[web:childs]",
            "other",
            "[db:vars]",
            "port 5432",
            "[prod:children]",
            "webb",
            "[ web ]",
            "web3"));

        var diagnostics = Load(files, "hosts.ini");

        Assert.Equal(
            [
                "hosts.ini:2:1: host range '[1:x]' is invalid: begin and end must both be numbers or both single letters",
                "hosts.ini:3:6: expected key=value host variable, got 'novalue'",
                "hosts.ini:4:1: section [web:childs] has unknown type 'childs'; did you mean 'children'? (expected hosts, children or vars)",
                "hosts.ini:6:2: section [db:vars] is for group 'db', which is not defined in this file",
                "hosts.ini:7:1: expected 'key = value' in [db:vars], got 'port 5432'",
                "hosts.ini:9:1: [prod:children] names group 'webb', which is not defined in this file; did you mean 'web'? (declare it with a [webb] section)",
                "hosts.ini:10:1: invalid section '[ web ]': expected [group], [group:children] or [group:vars] with no spaces",
            ],
            diagnostics);
    }

    [Fact]
    public void A_host_line_ending_in_a_lone_backslash_is_reported_as_shlex_does()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "[web]\n  web1 a=1\\ \\  \n");

        var diagnostics = Load(files, "hosts.ini");

        Assert.Equal(["hosts.ini:2:3: cannot parse host line: no escaped character after the final backslash"], diagnostics);
    }

    [Theory]
    [InlineData("web[1:]", "host range '[1:]' must specify an end value")]
    [InlineData("web[01:100]", "host range '[01:100]' must specify equal-length begin and end formats")]
    [InlineData("web[5:1]", "host range '[5:1]' must have begin <= end")]
    [InlineData("web[c:a]", "host range '[c:a]' must have begin <= end")]
    [InlineData("web[1:5:0]", "host range '[1:5:0]' has an invalid step '0': expected a positive integer")]
    [InlineData("web[1]", "host range '[1]' must be begin:end or begin:end:step")]
    [InlineData("web]1:2[", "host range in 'web]1:2[' is not closed: expected '[begin:end]' or '[begin:end:step]'")]
    public void A_bad_range_is_a_diagnostic(string entry, string message)
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", $"[web]\n  {entry}\n");

        var diagnostics = Load(files, "hosts.ini");

        Assert.Equal([$"hosts.ini:2:3: {message}"], diagnostics);
    }

    [Fact]
    public void Problems_in_several_files_are_reported_together()
    {
        using var files = new TempInventory();
        files.Write("a.yml", "all:\n  childrn:\n");
        files.Write("b", "[web]\nweb1 x\n");
        files.Write("group_vars/web.yml", "- not\n- a mapping\n");

        var diagnostics = Load(files, "a.yml", "b");

        Assert.Equal(
            [
                "a.yml:2:3: unknown key 'childrn' in group 'all'; did you mean 'children'? (a group has only 'hosts', 'children' and 'vars')",
                "b:2:6: expected key=value host variable, got 'x'",
                "group_vars/web.yml:1:1: a variables file must hold a mapping of variable names to values",
            ],
            diagnostics);
    }

    [Fact]
    public void A_missing_inventory_suggests_a_near_file()
    {
        using var files = new TempInventory();
        files.Write("hosts.yml", "all:\n");

        var diagnostics = new DiagnosticBag();
        InventoryLoader.Load([files.PathOf("host.yml")], diagnostics);

        var single = Assert.Single(diagnostics.Items);
        Assert.Equal($"<command line: -i {files.PathOf("host.yml")}>", single.Span.File);
        Assert.Equal($"inventory '{files.PathOf("host.yml")}' does not exist; did you mean '{files.PathOf("hosts.yml")}'?", single.Message);
    }

    [Fact]
    public void A_group_cycle_is_reported()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "[a:children]\nb\n[b:children]\na\n[a]\n[b]\n");

        var diagnostics = Load(files, "hosts.ini");

        Assert.Equal(["hosts.ini:4:1: group 'a' cannot be a child of 'b': 'b' is already inside 'a', which would make a cycle"], diagnostics);
    }

    [Fact]
    public void Broken_YAML_in_a_file_without_extension_is_reported_as_YAML_not_as_INI()
    {
        using var files = new TempInventory();
        files.Write("hosts", "all:\n  hosts:\n    web1:\n   bad: [\n");

        var diagnostics = Load(files, "hosts");

        var single = Assert.Single(diagnostics);
        Assert.StartsWith("hosts:4:", single, StringComparison.Ordinal);
        Assert.Contains("malformed YAML", single, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vault_encrypted_vars_file_without_a_password_is_reported_not_misread()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "[web]\nweb1\n");
        files.Write("group_vars/web.yml", "$ANSIBLE_VAULT;1.1;AES256\n6133\n");

        var diagnostics = Load(files, "hosts.ini");

        Assert.Equal(["group_vars/web.yml:1:1: file group_vars/web.yml is vaulted, but no vault password was given (use --vault-password-file, --vault-id or --ask-vault-pass)"], diagnostics);
    }

    [Fact]
    public void A_duplicate_key_is_an_error_where_Ansible_only_warns()
    {
        using var files = new TempInventory();
        files.Write("hosts.yml", "all:\n  hosts:\n    a:\n    a:\n");

        var diagnostics = Load(files, "hosts.yml");

        Assert.Equal(["hosts.yml:4:5: malformed YAML: Duplicate key a"], diagnostics);
    }
}
