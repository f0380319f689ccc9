using Converge.Modules.KnownHosts;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.KnownHosts;

/// <summary><c>known_hosts</c> check → apply → check on real files; hashed lines are checked with the real <c>ssh-keygen -F</c>.</summary>
public sealed class KnownHostsModuleTests : IDisposable
{
    private const string Ed25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    private const string Other = "AAAAC3NzaC1lZDI1NTE5AAAAIBsZ7vTRPaXoFYzBGLmU6DQ7Q0S3xC3K8eZ4lMrfJqBk";
    private readonly ModuleTestHost _host = new();
    private readonly KnownHostsModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_new_key_is_appended_then_in_sync_and_a_changed_key_replaces_the_hosts_lines()
    {
        var file = _host.PathOf("ssh/known_hosts");
        var parameters = new KnownHostsParams { Name = "Git.Example", Key = $"git.example ssh-ed25519 {Ed25519}", Path = file };

        var check = await _host.CheckAsync(_module, parameters);
        Assert.False(File.Exists(file), "check mode wrote the file");
        var (_, result) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        await File.AppendAllTextAsync(file, $"other.example ssh-ed25519 {Other}\n");
        await _host.ConvergeAsync(_module, parameters with { Key = $"git.example ssh-ed25519 {Other}" });

        Assert.True(check.IsDrift);
        Assert.Contains($"+git.example ssh-ed25519 {Ed25519}", check.Changes[0].Diff);
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal("git.example", result!.Output["name"]);
        Assert.Equal($"other.example ssh-ed25519 {Other}\ngit.example ssh-ed25519 {Other}\n", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_hashed_line_is_found_by_ssh_keygen_and_is_in_sync_on_rerun_and_absent_removes_it()
    {
        var file = _host.PathOf("known_hosts");
        await File.WriteAllTextAsync(file, $"keep.example ssh-ed25519 {Other}\n");
        var parameters = new KnownHostsParams { Name = "[git.example]:2222", Key = $"[git.example]:2222 ssh-ed25519 {Ed25519}", Path = file, HashHost = true };

        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        using var keygen = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ssh-keygen", ["-F", "[git.example]:2222", "-f", file]) { RedirectStandardOutput = true })!;
        var found = await keygen.StandardOutput.ReadToEndAsync();
        await keygen.WaitForExitAsync();
        await _host.ConvergeAsync(_module, parameters with { State = "absent", Key = null });
        var gone = await _host.CheckAsync(_module, parameters with { State = "absent", Key = null });

        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal(0, keygen.ExitCode);
        Assert.Contains(Ed25519, found);
        Assert.False(gone.IsDrift);
        Assert.Equal($"keep.example ssh-ed25519 {Other}\n", await File.ReadAllTextAsync(file));
    }

    [Theory]
    [InlineData("{ name: a.example }", "known_hosts: key is required with state present")]
    [InlineData("{ name: a.example, key: 'b.example ssh-ed25519 AAAA' }", "known_hosts: the key's host field does not name 'a.example'")]
    [InlineData("{ name: a.example, key: 'a.example ssh-ed25519 AAAA', path: known_hosts }", "known_hosts: path must be absolute or start with ~/")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(ValidationProbe.Problems(_module, yaml), p => p.StartsWith(message, StringComparison.Ordinal));
    }
}
