using System.Text;
using System.Text.RegularExpressions;

namespace Converge.Modules.ConfigureDocker;

/// <summary>
/// The seed's <c>/etc/default/docker</c> (sourced by the upstart/SysV init script): BRIDGE, CIDR, the
/// <c>wait_ip</c> function that gives docker0 a few seconds to get its address, and DOCKER_OPTS. Compared as
/// statements with whitespace normalised, so re-indenting or re-wrapping DOCKER_OPTS is not drift.
/// </summary>
public static partial class DefaultFile
{
    public static string Render(ConfigureDockerParams p)
    {
        var text = new StringBuilder("# Managed by Converge (configure-docker); sourced by Docker's init script.\n");
        if (p.Bridge is not null)
        {
            text.Append("BRIDGE=").Append(p.Bridge).Append('\n');
        }

        if (p.FixedCidr is not null)
        {
            text.Append("CIDR=").Append(p.FixedCidr).Append('\n');
        }

        if (p.Bridge is not null && p.WaitIp.Count > 0)
        {
            // docker0 is the last interface ifupdown brings up; give it time to get its address before dockerd starts (seed).
            text.Append("\nwait_ip() {\n")
                .Append("  address=$(ip add show $BRIDGE | grep 'inet ' | awk '{print $2}')\n")
                .Append("  [ -z \"$address\" ] && sleep $1 || :\n")
                .Append("}\n\n");
            foreach (var seconds in p.WaitIp)
            {
                text.Append("wait_ip ").Append(seconds).Append('\n');
            }
        }

        text.Append("\nDOCKER_OPTS=\"\n");
        foreach (var option in Options(p))
        {
            text.Append("    ").Append(option).Append('\n');
        }

        return text.Append("\"\n").ToString();
    }

    /// <summary>The DOCKER_OPTS lines in the seed's order.</summary>
    public static IEnumerable<string> Options(ConfigureDockerParams p)
    {
        foreach (var host in p.Hosts)
        {
            yield return "-H " + host;
        }

        if (p.FixedCidr is not null)
        {
            yield return "--fixed-cidr=$CIDR";
        }

        if (p.Bridge is not null)
        {
            yield return "--bridge $BRIDGE";
        }

        if (p.Bip is not null)
        {
            yield return "--bip " + p.Bip;
        }

        if (p.Mtu is not null)
        {
            yield return "--mtu " + p.Mtu;
        }

        foreach (var flag in p.Flags)
        {
            yield return flag;
        }
    }

    /// <summary>The file as statements: comments dropped, assignments as NAME=value with whitespace collapsed, other lines trimmed.</summary>
    public static IReadOnlyList<string> Statements(string text)
    {
        var statements = new List<string>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var assignment = Assignment().Match(line);
            if (assignment.Success)
            {
                var value = assignment.Groups[2].Value;
                if (value.StartsWith('"'))
                {
                    while (!(value.Length > 1 && value.EndsWith('"')) && i + 1 < lines.Length)
                    {
                        value += "\n" + lines[++i];
                    }

                    value = value.Trim('"');
                }

                statements.Add(assignment.Groups[1].Value + "=" + string.Join(' ', DockerFlags.Split(value)));
                continue;
            }

            statements.Add(string.Join(' ', DockerFlags.Split(line)));
        }

        return statements;
    }

    /// <summary>The tokens of DOCKER_OPTS in a file, for flag/daemon.json conflicts.</summary>
    public static IReadOnlyList<string> DockerOpts(string text) =>
        Statements(text).Where(s => s.StartsWith("DOCKER_OPTS=", StringComparison.Ordinal))
            .SelectMany(s => DockerFlags.Split(s["DOCKER_OPTS=".Length..])).ToList();

    [GeneratedRegex("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")]
    private static partial Regex Assignment();
}
