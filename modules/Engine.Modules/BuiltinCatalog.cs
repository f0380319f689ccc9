using Converge.Core.Modules;
using Converge.Core.Planning;
using Converge.Modules.Assertions;
using Converge.Modules.BuildDeb;
using Converge.Modules.Command;
using Converge.Modules.ConfigureDocker;
using Converge.Modules.Copy;
using Converge.Modules.Files;
using Converge.Modules.InstallPkg;
using Converge.Modules.Line;
using Converge.Modules.Mesh;
using Converge.Modules.Reboot;
using Converge.Modules.Service;
using Converge.Modules.Setup;
using Converge.Modules.Shell;
using Converge.Modules.Template;
using Converge.Modules.WriteInterfaces;

namespace Converge.Modules;

/// <summary>The one explicit list of built-in modules and planners (no reflection scanning).</summary>
public static class BuiltinCatalog
{
    public static ModuleRegistry Modules()
    {
        var registry = new ModuleRegistry();
        registry.Register(new FileModule());
        registry.Register(new TemplateModule());
        registry.Register(new CopyModule());
        registry.Register(new CommandModule());
        registry.Register(new ShellModule());
        registry.Register(new LineModule());
        registry.Register(new AssertModule());
        registry.Register(new ServiceModule());
        registry.Register(new WriteInterfacesModule());
        registry.Register(new ConfigureDockerModule());
        registry.Register(new InstallPkgModule());
        registry.Register(new BuildDebModule());
        registry.Register(new RebootModule());
        registry.Register(new SetupModule());
        return registry;
    }

    public static IReadOnlyList<IInventoryPlanner> Planners() =>
    [
        new MeshPlanner(),
    ];
}
