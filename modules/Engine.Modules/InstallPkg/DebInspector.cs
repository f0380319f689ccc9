using Converge.Core.Artifacts;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;

namespace Converge.Modules.InstallPkg;

/// <summary>
/// Resolves <c>deb:</c> references on the controller: the file must exist; its sha256 is computed, and its
/// package, version and architecture are read with the controller's <c>dpkg-deb -f</c> unless the
/// reference (a <c>build-deb</c> artifact) already carries them.
/// </summary>
public static class DebInspector
{
    public static async Task<IReadOnlyList<DebFile>> ResolveAsync(ModuleContext context, IReadOnlyList<DebReference> references, CancellationToken ct)
    {
        var files = new List<DebFile>();
        await using var controller = new LocalConnection("controller");
        foreach (var reference in references)
        {
            var path = context.ResolveLocalPath(reference.Path, "files");
            if (!File.Exists(path))
            {
                throw new TaskFailedException($"deb {reference.Path} does not exist on the controller (looked at {path})");
            }

            var sha256 = await ArtifactStore.Sha256Async(path, ct);
            if (reference.Sha256 is { } expected && !string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new TaskFailedException($"deb {path} has sha256 {sha256}, but the artifact says {expected}: the file changed after it was registered");
            }

            if (reference is { Package: { } package, Version: { } version, Architecture: { } architecture })
            {
                files.Add(new DebFile(path, package, version, architecture, sha256));
                continue;
            }

            var fields = CommandSpec.Probe("dpkg-deb", "-f", path, "Package", "Version", "Architecture");
            var result = await controller.RunAsync(fields, ct);
            var values = ControlFields(result.Stdout);
            if (!result.Succeeded || !values.TryGetValue("Package", out var name) || !values.TryGetValue("Version", out var debVersion))
            {
                throw new TaskFailedException($"cannot read the control fields of {path}", fields.CommandLine, result.ExitCode, result.StderrTail());
            }

            files.Add(new DebFile(path, name, debVersion, values.GetValueOrDefault("Architecture", "all"), sha256));
        }

        return files;
    }

    /// <summary>Parses <c>Field: value</c> lines as <c>dpkg-deb -f</c> prints them.</summary>
    public static Dictionary<string, string> ControlFields(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && !p[0].StartsWith(' '))
            .GroupBy(p => p[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
}
