using Converge.Core.Diagnostics;
using Converge.Modules.Getent;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Getent;

/// <summary><c>getent</c>: Ansible's parsing of getent(1) output, and the real lookup on this machine.</summary>
public sealed class GetentModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_group_key_is_read_into_getent_group_with_its_fields_split_at_colons()
    {
        var plan = await _host.CheckAsync(new GetentModule(), new GetentParams { Database = "group", Key = "root" });

        var facts = (IReadOnlyDictionary<string, object?>)plan.Output["ansible_facts"]!;
        var group = (IReadOnlyDictionary<string, object?>)facts["getent_group"]!;
        Assert.False(plan.IsDrift);
        Assert.Equal(["x", "0", string.Empty], (IEnumerable<object?>)group["root"]!);
    }

    [Fact]
    public async Task A_missing_key_fails_unless_fail_key_is_false()
    {
        var missing = new GetentParams { Database = "passwd", Key = "converge-no-such-user" };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new GetentModule(), missing));
        var accepted = await _host.CheckAsync(new GetentModule(), missing with { FailKey = false });

        Assert.Equal("getent: One or more supplied key could not be found in the database.", error.Message);
        var passwd = (IReadOnlyDictionary<string, object?>)((IReadOnlyDictionary<string, object?>)accepted.Output["ansible_facts"]!)["getent_passwd"]!;
        Assert.Null(Assert.Single(passwd).Value);
    }

    [Fact]
    public void Other_databases_split_at_whitespace_and_a_repeated_key_becomes_a_list_of_records()
    {
        var lookup = new GetentLookup(0, "127.0.0.1       localhost\n::1             localhost ip6-localhost\n");

        var entries = GetentModule.Entries(new GetentParams { Database = "ahosts" }, lookup);

        Assert.Equal(["127.0.0.1", "::1"], entries.Keys);
        Assert.Equal(["localhost"], (IEnumerable<object?>)entries["127.0.0.1"]!);
        var twice = GetentModule.Entries(new GetentParams { Database = "group", Split = ":" }, new GetentLookup(0, "a:x:1:\na:x:2:\n"));
        var records = (List<object?>)twice["a"]!;
        Assert.Equal(2, records.Count);
        Assert.Equal(["x", "2", string.Empty], (IEnumerable<object?>)records[1]!);
    }

    [Theory]
    [InlineData("{ database: group, key: docker, split: ':' }", null)]
    [InlineData("{ key: docker }", "missing required parameter 'database'")]
    [InlineData("{ database: 'group; rm', key: docker }", "database must be a getent database name such as passwd, group or hosts, not 'group; rm'")]
    [InlineData("{ database: group, fail_keys: false }", "unknown parameter 'fail_keys'")]
    public void Params_are_Ansible_s(string yaml, string? message)
    {
        var problems = ValidationProbe.Problems(new GetentModule(), yaml);

        if (message is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.Contains(message, StringComparison.Ordinal));
        }
    }
}
