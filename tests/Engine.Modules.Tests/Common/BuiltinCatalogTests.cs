using Converge.Core.Modules;

namespace Converge.Modules.Tests.Common;

public sealed class BuiltinCatalogTests
{
    [Fact]
    public void The_general_modules_are_registered_each_with_a_validator()
    {
        var registry = BuiltinCatalog.Modules();

        foreach (var name in new[] { "file", "template", "copy", "command", "shell", "line", "assert", "service" })
        {
            Assert.True(registry.TryGet(name, out IModule module), name);
            Assert.NotNull(module.Validator);
            Assert.True(module.ParamsType.IsSealed, name);
        }
    }
}
