using System.Collections;

namespace Converge.Modules.InstallPkg;

/// <summary>
/// Reads the shapes <c>deb:</c> accepts: a path, a list of paths and artifact maps, or a registered
/// <c>build-deb</c> result (a map with <c>artifacts</c>).
/// </summary>
public static class DebReferences
{
    public static bool TryRead(object? value, out IReadOnlyList<DebReference> debs, out string? error)
    {
        var list = new List<DebReference>();
        debs = list;
        error = null;
        switch (value)
        {
            case null:
                return true;
            case string path:
                return Add(list, path, ref error);
            case IDictionary map when map.Contains("artifacts"):
                return TryRead(map["artifacts"], out debs, out error);
            case IDictionary map when map.Contains("changed") && !map.Contains("path"):
                // A registered result without artifacts: the build-deb task has not built yet (pending in check mode, or skipped).
                return Fail("the registered result has no artifacts: the build-deb task it comes from has not built anything yet", ref error);
            case IDictionary map:
                return AddArtifact(list, map, ref error);
            case IEnumerable items:
                foreach (var item in items)
                {
                    var ok = item switch
                    {
                        string path => Add(list, path, ref error),
                        IDictionary map => AddArtifact(list, map, ref error),
                        _ => Fail($"each deb must be a path or an artifact map with 'path', not {item?.GetType().Name ?? "nothing"}", ref error),
                    };
                    if (!ok)
                    {
                        return false;
                    }
                }

                return true;
            default:
                return Fail($"deb must be a path, a list of paths or artifacts, or a registered build-deb result, not {value.GetType().Name}", ref error);
        }
    }

    private static bool Add(List<DebReference> list, string path, ref string? error)
    {
        if (!path.EndsWith(".deb", StringComparison.Ordinal))
        {
            return Fail($"'{path}' is not a .deb file", ref error);
        }

        list.Add(new DebReference(path));
        return true;
    }

    private static bool AddArtifact(List<DebReference> list, IDictionary map, ref string? error)
    {
        if (map["path"] is not string path)
        {
            return Fail("an artifact in deb needs a 'path'", ref error);
        }

        string? Text(string key) => map.Contains(key) ? map[key]?.ToString() : null;
        list.Add(new DebReference(path)
        {
            Package = Text("package"),
            Version = Text("version"),
            Architecture = Text("architecture"),
            Sha256 = Text("sha256"),
        });
        return true;
    }

    private static bool Fail(string message, ref string? error)
    {
        error = message;
        return false;
    }
}
