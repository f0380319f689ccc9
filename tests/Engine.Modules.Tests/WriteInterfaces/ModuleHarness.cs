using Converge.Core.Artifacts;
using Converge.Core.Connections;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Core.Templates;

namespace Converge.Modules.Tests.WriteInterfaces;

/// <summary>A temp directory standing in for a host's file system, with module contexts on the local connection.</summary>
internal sealed class ModuleHarness : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("converge-mesh-").FullName;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public ModuleContext Context(bool checkMode = false)
    {
        IConnection connection = new LocalConnection("localhost");
        if (checkMode)
        {
            connection = new CheckModeConnection(connection);
        }

        return new ModuleContext
        {
            Host = "localhost",
            Connection = connection,
            Facts = new FactCache(connection),
            Variables = new Dictionary<string, object?>(),
            PlaybookDirectory = Root,
            Templates = new TemplateEngine(),
            Artifacts = new ArtifactStore(Path.Combine(Root, ".artifacts")),
        };
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
