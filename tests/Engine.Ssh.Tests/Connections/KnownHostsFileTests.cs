using System.Text;
using Converge.Core.Connections.Ssh;

namespace Converge.Ssh.Tests.Connections;

public sealed class KnownHostsFileTests : IDisposable
{
    private static readonly byte[] KeyA = Blob("ssh-ed25519", 1);
    private static readonly byte[] KeyB = Blob("ssh-ed25519", 2);
    private static readonly byte[] RsaKey = Blob("ssh-rsa", 3);

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"converge-known-hosts-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task Connections_starting_together_share_one_parse_of_the_file()
    {
        // Large enough that parsing takes a while, as a 1,000-host run's file does; every reader must get that one parse.
        File.WriteAllLines(_file, Enumerable.Range(0, 20_000).Select(i => $"host{i} ssh-ed25519 {Convert.ToBase64String(KeyA)}"));
        using var start = new Barrier(8);
        var loads = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return KnownHostsFile.Load(_file);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));

        var files = await Task.WhenAll(loads);

        Assert.All(files, file => Assert.Same(files[0], file));
        Assert.Equal(HostKeyStatus.Trusted, files[0].Verify("host19999", KeyA).Status);
    }

    [Fact]
    public void A_recorded_key_is_trusted_under_its_name_and_port()
    {
        File.WriteAllText(_file, $"# comment\n[10.0.0.1]:2222,web1 ssh-ed25519 {Convert.ToBase64String(KeyA)} me@there\n");
        var known = KnownHostsFile.Load(_file);

        Assert.Equal(HostKeyStatus.Trusted, known.Verify("[10.0.0.1]:2222", KeyA).Status);
        Assert.Equal(HostKeyStatus.Trusted, known.Verify("web1", KeyA).Status);
        Assert.Equal(HostKeyStatus.Unknown, known.Verify("10.0.0.1", KeyA).Status);
    }

    [Fact]
    public void A_different_key_of_the_same_type_is_changed_and_of_another_type_unknown()
    {
        File.WriteAllText(_file, $"web1 ssh-ed25519 {Convert.ToBase64String(KeyA)}\n");
        var known = KnownHostsFile.Load(_file);

        var changed = known.Verify("web1", KeyB);

        Assert.Equal(HostKeyStatus.Changed, changed.Status);
        Assert.Equal(1, changed.Evidence.Single().Line);
        Assert.Equal(HostKeyStatus.Unknown, known.Verify("web1", RsaKey).Status);
    }

    [Fact]
    public void Hashed_names_wildcards_negation_and_revocation_work_as_in_openssh()
    {
        var hashed = KnownHostPattern.Hash("[127.0.1.3]:2200", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
        File.WriteAllText(_file, string.Join('\n',
            $"{hashed} ssh-ed25519 {Convert.ToBase64String(KeyA)}",
            $"*.example.org,!bad.example.org ssh-ed25519 {Convert.ToBase64String(KeyA)}",
            $"@revoked * ssh-ed25519 {Convert.ToBase64String(KeyB)}",
            "@cert-authority *.example.org ssh-ed25519 AAAA",
            "garbage"));
        var known = KnownHostsFile.Load(_file);

        Assert.Equal(HostKeyStatus.Trusted, known.Verify("[127.0.1.3]:2200", KeyA).Status);
        Assert.Equal(HostKeyStatus.Unknown, known.Verify("[127.0.1.4]:2200", KeyA).Status);
        Assert.Equal(HostKeyStatus.Trusted, known.Verify("www.EXAMPLE.org", KeyA).Status);
        Assert.Equal(HostKeyStatus.Unknown, known.Verify("bad.example.org", KeyA).Status);
        Assert.Equal(HostKeyStatus.Revoked, known.Verify("www.example.org", KeyB).Status);
    }

    [Fact]
    public void Plain_names_and_wildcards_that_apply_to_a_host_are_all_found_in_the_file_order()
    {
        // The file is indexed by plain name (issue 14); an entry found by name and one found by wildcard must both
        // count, in the file's order, and a negated name must still exclude its entry.
        var keyC = Blob("ssh-ed25519", 4);
        File.WriteAllText(_file, string.Join('\n',
            $"web1,!web1 ssh-ed25519 {Convert.ToBase64String(KeyA)}",
            $"*.lan ssh-rsa {Convert.ToBase64String(RsaKey)}",
            $"WEB2.lan ssh-ed25519 {Convert.ToBase64String(KeyA)}",
            $"other,web2.lan ssh-ed25519 {Convert.ToBase64String(KeyB)}"));
        var known = KnownHostsFile.Load(_file);

        Assert.Equal(HostKeyStatus.Unknown, known.Verify("web1", KeyA).Status);
        Assert.Equal([4], known.Verify("web2.lan", KeyB).Evidence.Select(e => e.Line));
        var changed = known.Verify("web2.lan", keyC);
        Assert.Equal(HostKeyStatus.Changed, changed.Status);
        Assert.Equal([3, 4], changed.Evidence.Select(e => e.Line));
        Assert.Equal(["ssh-ed25519", "ssh-rsa"], known.KeyTypesFor("web2.lan").Order(StringComparer.Ordinal));
        Assert.Equal(["ssh-rsa"], known.KeyTypesFor("db.lan"));
    }

    [Fact]
    public async Task RecordAsync_appends_once_and_never_over_a_changed_key()
    {
        File.WriteAllText(_file, $"other ssh-ed25519 {Convert.ToBase64String(KeyA)}");

        var first = await KnownHostsFile.RecordAsync(_file, "[h]:22", KeyA, CancellationToken.None);
        var again = await KnownHostsFile.RecordAsync(_file, "[h]:22", KeyA, CancellationToken.None);
        var conflicting = await KnownHostsFile.RecordAsync(_file, "[h]:22", KeyB, CancellationToken.None);

        Assert.Equal(HostKeyStatus.Trusted, first.Status);
        Assert.Equal(HostKeyStatus.Trusted, again.Status);
        Assert.Equal(HostKeyStatus.Changed, conflicting.Status);
        Assert.Equal(
            [$"other ssh-ed25519 {Convert.ToBase64String(KeyA)}", $"[h]:22 ssh-ed25519 {Convert.ToBase64String(KeyA)}"],
            File.ReadAllLines(_file));
    }

    private static byte[] Blob(string type, byte seed)
    {
        var name = Encoding.ASCII.GetBytes(type);
        return [0, 0, 0, (byte)name.Length, .. name, 0, 0, 0, 4, seed, seed, seed, seed];
    }
}
