using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Modules.Command;
using Converge.Modules.Common;
using Converge.Modules.ConfigureDocker;
using Converge.Modules.Copy;
using Converge.Modules.Files;
using Converge.Modules.Service;
using Converge.Modules.Shell;
using Converge.Modules.Template;
using Converge.Modules.Tests.ConfigureDocker;
using Converge.Modules.Tests.WriteInterfaces;
using Converge.Modules.WriteInterfaces;
using Converge.TestKit;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// A module's declared facts (<see cref="IModule.FactsOf"/>) are exactly what its check reads: once the
/// runner has prefetched them, an in-sync check makes no round trip of its own.
/// </summary>
public sealed class FactDeclarationTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_in_sync_check_after_the_prefetch_of_its_declared_facts_makes_no_round_trip()
    {
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "payload"), "copied\n");
        Directory.CreateDirectory(Path.Combine(_host.PlaybookDirectory, "templates"));
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "templates", "motd.j2"), "hello {{ who }}\n");
        _host.Variables["who"] = "world";
        var steps = new (IModule Module, object Params)[]
        {
            (new FileModule(), new FileParams { Path = _host.PathOf("etc"), State = "directory", Mode = "0750" }),
            (new FileModule(), new FileParams { Path = _host.PathOf("etc/file"), Content = "content\n", Mode = "0640" }),
            (new CopyModule(), new CopyParams { Src = "payload", Dest = _host.PathOf("etc/payload") }),
            (new TemplateModule(), new TemplateParams { Src = "motd.j2", Dest = _host.PathOf("etc/motd") }),
            (new CommandModule(), new CommandParams { Argv = ["touch", "marker"], Chdir = _host.Target, Creates = "marker" }),
            (new ShellModule(), new ShellParams { Cmd = "rm -f gone", Chdir = _host.Target, Removes = "gone" }),
            (new WriteInterfacesModule(), new WriteInterfacesParams
            {
                Mesh = WriteInterfacesRenderTests.SeedHost(1), Path = _host.PathOf("etc/converge-mesh"), InterfacesFile = _host.PathOf("etc/interfaces"),
            }),
            (new ConfigureDockerModule(), ConfigureDockerRenderTests.MeshParams(DockerFormat.DefaultFile) with
            {
                DefaultFilePath = _host.PathOf("etc/default-docker"), DaemonJsonPath = _host.PathOf("etc/daemon.json"),
            }),
        };
        foreach (var (module, parameters) in steps)
        {
            var context = _host.Context();
            var plan = await module.CheckAsync(context, parameters, CancellationToken.None);
            if (plan.IsDrift)
            {
                await module.ApplyAsync(context, parameters, plan, CancellationToken.None);
            }
        }

        foreach (var (module, parameters) in steps)
        {
            var connection = new CountingConnection(new LocalConnection("localhost"));
            var context = _host.Context(connection);
            var declared = module.FactsOf(parameters);
            await context.Facts.PrefetchAsync(declared, CancellationToken.None);
            var afterPrefetch = (connection.Runs, connection.Reads);

            var plan = await module.CheckAsync(context, parameters, CancellationToken.None);

            Assert.False(plan.IsDrift, $"{module.Name}: {plan.Reason}");
            Assert.NotEmpty(declared);
            Assert.True(afterPrefetch == (connection.Runs, connection.Reads), $"{module.Name} read the host beyond its declared facts");
        }
    }

    [Fact]
    public void Service_and_configure_docker_declare_the_facts_their_checks_read()
    {
        var service = new ServiceModule().FactsOf(new ServiceParams { Name = "ssh", State = "started" });
        var docker = new ConfigureDockerModule().FactsOf(new ConfigureDockerParams());

        Assert.Equal([new ServiceStatusFact("ssh", InitLayout.Default).Key], service.Select(f => f.Key));
        Assert.Equal(
            [new InitSystemFact().Key, new FileTextFact("/etc/docker/daemon.json").Key, new FileTextFact("/etc/default/docker").Key, new DockerUnitFlagsFact().Key],
            docker.Select(f => f.Key));
    }
}
