using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Core.Secrets;
using Converge.Modules.Copy;
using Converge.Modules.Files;
using Converge.Modules.Line;
using Converge.Modules.Template;
using Converge.TestKit.Sshd;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// Symlinks at a managed path, handled as Ansible 2.14 handles them (recorded with ansible-playbook on this
/// machine: <c>tests/Engine.Modules.Tests/Common/ansible-links.sh</c>), and identically on both transports:
/// <c>copy</c>/<c>template</c> replace a link to a file (follow: false) and put the file inside a linked
/// directory under the source's name; <c>line</c> edits the link's target; <c>file</c> follows by default.
/// Every scenario runs on real files locally and over the real sshd, and a rerun is in sync.
/// </summary>
public sealed class LinkHandlingTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public Task Copy_onto_a_link_to_a_directory_puts_the_file_inside_it_locally() => CopyIntoLinkedDirectoryAsync(new LocalConnection("localhost"), _host.Target);

    [SshdFact]
    public async Task Copy_onto_a_link_to_a_directory_puts_the_file_inside_it_over_ssh() => await CopyIntoLinkedDirectoryAsync(await OpenSshAsync(), SshFolder());

    [Fact]
    public Task Copy_and_template_replace_a_link_to_a_file_unless_told_to_follow_it_locally() => ReplaceOrFollowLinkAsync(new LocalConnection("localhost"), _host.Target);

    [SshdFact]
    public async Task Copy_and_template_replace_a_link_to_a_file_unless_told_to_follow_it_over_ssh() => await ReplaceOrFollowLinkAsync(await OpenSshAsync(), SshFolder());

    [Fact]
    public Task Line_edits_the_target_of_a_link_and_keeps_the_link_locally() => LineThroughLinkAsync(new LocalConnection("localhost"), _host.Target);

    [SshdFact]
    public async Task Line_edits_the_target_of_a_link_and_keeps_the_link_over_ssh() => await LineThroughLinkAsync(await OpenSshAsync(), SshFolder());

    [Fact]
    public Task File_sets_the_mode_of_a_links_target_and_absent_removes_only_the_link_locally() => FileThroughLinkAsync(new LocalConnection("localhost"), _host.Target);

    [SshdFact]
    public async Task File_sets_the_mode_of_a_links_target_and_absent_removes_only_the_link_over_ssh() => await FileThroughLinkAsync(await OpenSshAsync(), SshFolder());

    private async Task CopyIntoLinkedDirectoryAsync(IConnection connection, string root)
    {
        var real = Directory.CreateDirectory(Path.Combine(root, "realdir")).FullName;
        var link = Link(root, "linkdir", real);
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "src.txt"), "hi\n");
        Directory.CreateDirectory(Path.Combine(_host.PlaybookDirectory, "templates"));
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "templates", "motd.j2"), "motd\n");

        await ConvergeTwiceAsync(connection, new CopyModule(), new CopyParams { Src = "src.txt", Dest = link });
        await ConvergeTwiceAsync(connection, new TemplateModule(), new TemplateParams { Src = "motd.j2", Dest = link });

        Assert.Equal(real, new FileInfo(link).LinkTarget);
        Assert.Equal(["motd.j2", "src.txt"], Directory.GetFileSystemEntries(real).Select(Path.GetFileName).Order());
        Assert.Equal("hi\n", await File.ReadAllTextAsync(Path.Combine(real, "src.txt")));
    }

    private async Task ReplaceOrFollowLinkAsync(IConnection connection, string root)
    {
        var real = Path.Combine(root, "realfile");
        await File.WriteAllTextAsync(real, "old\n");
        var replaced = Link(root, "replaced", real);
        var followed = Link(root, "followed", real);

        await ConvergeTwiceAsync(connection, new CopyModule(), new CopyParams { Content = "x\n", Dest = replaced });
        await ConvergeTwiceAsync(connection, new CopyModule(), new CopyParams { Content = "y\n", Dest = followed, Follow = true });

        Assert.Null(new FileInfo(replaced).LinkTarget);
        Assert.Equal("x\n", await File.ReadAllTextAsync(replaced));
        Assert.Equal(real, new FileInfo(followed).LinkTarget);
        Assert.Equal("y\n", await File.ReadAllTextAsync(real));
    }

    private async Task LineThroughLinkAsync(IConnection connection, string root)
    {
        var real = Path.Combine(root, "realfile2");
        await File.WriteAllTextAsync(real, "a=1\n");
        var link = Link(root, "linkline", real);

        await ConvergeTwiceAsync(connection, new LineModule(), new LineParams { Path = link, Line = "b=2" });

        Assert.Equal(real, new FileInfo(link).LinkTarget);
        Assert.Equal("a=1\nb=2\n", await File.ReadAllTextAsync(real));
    }

    private async Task FileThroughLinkAsync(IConnection connection, string root)
    {
        var real = Path.Combine(root, "target");
        await File.WriteAllTextAsync(real, "keep\n");
        var link = Link(root, "link", real);

        await ConvergeTwiceAsync(connection, new FileModule(), new FileParams { Path = link, Mode = "0600" });
        await ConvergeTwiceAsync(connection, new FileModule(), new FileParams { Path = link, State = "absent" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(real));
        Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget is not null);
        Assert.Equal("keep\n", await File.ReadAllTextAsync(real));
    }

    private async Task ConvergeTwiceAsync<TParams>(IConnection connection, Module<TParams> module, TParams parameters)
        where TParams : class
    {
        var context = _host.Context(connection);
        var plan = await module.CheckAsync(context, parameters, CancellationToken.None);
        Assert.True(plan.IsDrift, $"{module.Name}: {plan.Reason}");
        await module.ApplyAsync(context, parameters, plan, CancellationToken.None);

        var again = await module.CheckAsync(_host.Context(connection, checkMode: true), parameters, CancellationToken.None);
        Assert.False(again.IsDrift, $"{module.Name} rerun: {string.Join("; ", again.Changes.Select(c => c.Path))}");
    }

    private static string Link(string root, string name, string target)
    {
        var link = Path.Combine(root, name);
        File.CreateSymbolicLink(link, target);
        return link;
    }

    private string SshFolder() => Directory.CreateDirectory(Path.Combine(sshd.Server.HostDirectory(0), Guid.NewGuid().ToString("N"))).FullName;

    private async Task<IConnection> OpenSshAsync()
    {
        var options = new ConnectionOptions { KnownHostsFile = sshd.Server.KnownHostsFile, ConnectTimeout = TimeSpan.FromSeconds(5), Redactor = new Redactor() };
        var connection = ConnectionFactory.Create("host1", sshd.Server.HostVariables(0), options);
        await connection.OpenAsync(CancellationToken.None);
        return connection;
    }
}
