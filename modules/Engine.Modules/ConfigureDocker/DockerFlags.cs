namespace Converge.Modules.ConfigureDocker;

/// <summary>
/// dockerd command-line flags and the daemon.json keys they correspond to. dockerd refuses to start when the
/// same setting comes both from a flag and from daemon.json ("the following directives are specified both as
/// a flag and in the configuration file"), so the module compares them by key.
/// </summary>
public static class DockerFlags
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["H"] = "hosts", ["host"] = "hosts", ["b"] = "bridge", ["D"] = "debug", ["G"] = "group", ["g"] = "data-root",
        ["graph"] = "data-root", ["l"] = "log-level", ["p"] = "pidfile", ["s"] = "storage-driver",
        ["insecure-registry"] = "insecure-registries", ["registry-mirror"] = "registry-mirrors", ["label"] = "labels",
        ["add-runtime"] = "runtimes", ["exec-opt"] = "exec-opts", ["log-opt"] = "log-opts", ["storage-opt"] = "storage-opts",
        ["default-ulimit"] = "default-ulimits", ["dns-opt"] = "dns-opts", ["authorization-plugin"] = "authorization-plugins",
    };

    /// <summary>The daemon.json key of each flag in a token list (<c>-H</c>, <c>--mtu=1462</c>, <c>--bridge</c>), in order.</summary>
    public static IEnumerable<(string Flag, string Key)> KeysOf(IEnumerable<string> tokens)
    {
        foreach (var token in tokens.Where(t => t.StartsWith('-') && t.Length > 1))
        {
            var name = token.TrimStart('-').Split('=')[0];
            yield return (token.Split('=')[0], Keys.GetValueOrDefault(name, name));
        }
    }

    /// <summary>Splits a flags string the way the init script's unquoted <c>$DOCKER_OPTS</c> is split: on whitespace.</summary>
    public static IReadOnlyList<string> Split(string text) =>
        text.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
}
