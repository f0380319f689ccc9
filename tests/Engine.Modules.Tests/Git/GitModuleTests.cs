using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Modules.Git;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Git;

/// <summary><c>git</c> check → apply → check with the real git against a local repository served over <c>file://</c>.</summary>
public sealed class GitModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly GitModule _module = new();
    private readonly string _origin;
    private readonly string _work;

    public GitModuleTests()
    {
        _origin = _host.PathOf("origin.git");
        _work = _host.PathOf("work");
        Git(_host.Target, "init", "--bare", "--initial-branch=main", _origin);
        Git(_host.Target, "clone", _origin, _work);
        Commit("README", "first\n");
        Git(_work, "push", "origin", "main");
    }

    private string Repo => "file://" + _origin;

    private string Dest => _host.PathOf("checkout");

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_clone_then_an_upstream_commit_then_a_tag_each_converge_once()
    {
        var parameters = new GitParams { Repo = Repo, Dest = Dest };

        var check = await _host.CheckAsync(_module, parameters);
        Assert.False(Directory.Exists(Dest));
        var (_, cloned) = await _host.ConvergeAsync(_module, parameters);
        var clonedReadme = await File.ReadAllTextAsync(Path.Combine(Dest, "README"));
        var inSync = await _host.CheckAsync(_module, parameters);
        var second = Commit("README", "second\n");
        Git(_work, "tag", "-a", "v1", "-m", "release 1");
        Git(_work, "push", "origin", "main", "v1");
        var behind = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters);
        var (tagged, _) = await _host.ConvergeAsync(_module, parameters with { Version = "v1" });
        var atTag = await _host.CheckAsync(_module, parameters with { Version = "v1" });

        Assert.Equal($"{Dest}: clone", Assert.Single(check.Changes).Path);
        Assert.Equal("first\n", clonedReadme);
        Assert.Null(cloned!.Output["before"]);
        Assert.Equal(40, ((string)cloned.Output["after"]!).Length);
        Assert.False(inSync.IsDrift, inSync.Reason);
        Assert.Equal($"{Dest}: version HEAD: {((string)cloned.Output["after"]!)[..12]} → {second[..12]}", Assert.Single(behind.Changes).ToString());
        Assert.Equal("second\n", await File.ReadAllTextAsync(Path.Combine(Dest, "README")));
        Assert.False(tagged.IsDrift, "v1 points at the commit already checked out");
        Assert.False(atTag.IsDrift, atTag.Reason);
    }

    [Fact]
    public async Task Local_modifications_fail_without_force_and_are_discarded_with_it()
    {
        var parameters = new GitParams { Repo = Repo, Dest = Dest };
        await _host.ConvergeAsync(_module, parameters);
        await File.WriteAllTextAsync(Path.Combine(Dest, "README"), "edited on the host\n");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, parameters));
        var (forced, _) = await _host.ConvergeAsync(_module, parameters with { Force = true });
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal($"Local modifications exist in the destination: {Dest} (force=no).", error.Message);
        Assert.Equal($"{Dest}: local modifications: present → discarded", Assert.Single(forced.Changes).ToString());
        Assert.Equal("first\n", await File.ReadAllTextAsync(Path.Combine(Dest, "README")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task A_shallow_clone_of_a_branch_and_an_unknown_version()
    {
        Git(_work, "checkout", "-b", "stable");
        Commit("STABLE", "yes\n");
        Git(_work, "push", "origin", "stable");

        await _host.ConvergeAsync(_module, new GitParams { Repo = Repo, Dest = Dest, Version = "stable", Depth = 1 });
        var again = await _host.CheckAsync(_module, new GitParams { Repo = Repo, Dest = Dest, Version = "stable", Depth = 1 });
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new GitParams { Repo = Repo, Dest = Dest, Version = "nope" }));

        Assert.True(File.Exists(Path.Combine(Dest, "STABLE")));
        Assert.Equal("1\n", Git(Dest, "rev-list", "--count", "HEAD"));
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal($"git: version nope is not a branch, tag or commit of {Repo}", error.Message);
    }

    [Fact]
    public void Ansibles_alias_binds_and_unsupported_options_are_named()
    {
        Assert.Equal("file:///r", ValidationProbe.Bind(_module, "{ name: 'file:///r', dest: /srv/r }").Repo);
        Assert.Contains("git: refspec is not supported: Converge fetches every branch and tag of the remote", ValidationProbe.Problems(_module, "{ repo: r, dest: /srv/r, refspec: 'refs/pull/*' }"));
    }

    private string Commit(string file, string content)
    {
        File.WriteAllText(Path.Combine(_work, file), content);
        Git(_work, "add", file);
        Git(_work, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "change " + file);
        return Git(_work, "rev-parse", "HEAD").Trim();
    }

    private static string Git(string directory, params string[] arguments)
    {
        var result = new LocalConnection("localhost").RunAsync(new CommandSpec("git", arguments) { WorkingDirectory = directory }, CancellationToken.None).GetAwaiter().GetResult();
        return result.Succeeded ? result.Stdout : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {result.Stderr}");
    }
}
