using Converge.Core.Modules;
using Converge.Core.Planning;

namespace Converge.Modules;

/// <summary>The one explicit list of built-in modules and planners (no reflection scanning).</summary>
public static class BuiltinCatalog
{
    public static ModuleRegistry Modules()
    {
        var registry = new ModuleRegistry();
        registry.Register(new WriteInterfaces.WriteInterfacesModule());
        registry.Register(new ConfigureDocker.ConfigureDockerModule());
        return registry;
    }

    public static IReadOnlyList<IInventoryPlanner> Planners() =>
    [
        new Mesh.MeshPlanner(),
    ];
}
