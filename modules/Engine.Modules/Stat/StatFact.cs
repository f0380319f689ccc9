using System.Globalization;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Stat;

/// <summary>
/// Everything Ansible's <c>stat</c> returns, in one probe: stat(1) fields, the link target, access for the
/// reading user (test -r/-w/-x), the checksum with coreutils' <c>ALGOsum</c> and the MIME type from file(1).
/// </summary>
public sealed class StatFact(string path, bool follow, string? algorithm, bool mime) : Fact<IReadOnlyDictionary<string, object?>>
{
    private const string Script =
        """
        p=$1; follow=$2; algo=$3; mime=$4
        [ -e "$p" ] || [ -L "$p" ] || { echo absent; exit 0; }
        if [ "$follow" = 1 ]; then s="stat -L"; else s=stat; fi
        $s -c 'stat|%f|%s|%u|%g|%U|%G|%X|%Y|%Z|%i|%h|%d' -- "$p" || exit 2
        if [ -L "$p" ]; then printf 'link|%s|%s\n' "$(readlink -- "$p")" "$(readlink -f -- "$p")"; fi
        r=0; w=0; x=0; [ -r "$p" ] && r=1; [ -w "$p" ] && w=1; [ -x "$p" ] && x=1; echo "access|$r|$w|$x"
        if [ -n "$algo" ] && [ -f "$p" ] && [ -r "$p" ]; then echo "sum|$(${algo}sum < "$p" | cut -d' ' -f1)"; fi
        if [ "$mime" = 1 ] && command -v file >/dev/null 2>&1; then echo "mime|$(file -b $( [ "$follow" = 1 ] && echo -L ) --mime-type -- "$p")|$(file -b --mime-encoding -- "$p")"; fi
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe(
        "/bin/sh", "-c", Script, "converge-stat", path, follow ? "1" : "0", algorithm ?? string.Empty, mime ? "1" : "0");

    public override IReadOnlyDictionary<string, object?> Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot stat {path}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        return ParseOutput(path, result.Stdout);
    }

    /// <summary>The pure parser: Ansible's <c>stat</c> dictionary from the probe's lines.</summary>
    public static IReadOnlyDictionary<string, object?> ParseOutput(string path, string stdout)
    {
        var stat = new Dictionary<string, object?>(StringComparer.Ordinal) { ["exists"] = false };
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('|');
            switch (f[0])
            {
                case "stat" when f.Length >= 13:
                    var raw = Convert.ToInt32(f[1], 16);
                    var type = raw & 0xF000;
                    var mode = raw & 0xFFF;
                    stat["exists"] = true;
                    stat["path"] = path;
                    stat["mode"] = "0" + Convert.ToString(mode, 8).PadLeft(3, '0');
                    stat["isdir"] = type == 0x4000;
                    stat["ischr"] = type == 0x2000;
                    stat["isblk"] = type == 0x6000;
                    stat["isreg"] = type == 0x8000;
                    stat["isfifo"] = type == 0x1000;
                    stat["islnk"] = type == 0xA000;
                    stat["issock"] = type == 0xC000;
                    stat["size"] = long.Parse(f[2], CultureInfo.InvariantCulture);
                    stat["uid"] = int.Parse(f[3], CultureInfo.InvariantCulture);
                    stat["gid"] = int.Parse(f[4], CultureInfo.InvariantCulture);
                    stat["pw_name"] = f[5];
                    stat["gr_name"] = f[6];
                    stat["atime"] = double.Parse(f[7], CultureInfo.InvariantCulture);
                    stat["mtime"] = double.Parse(f[8], CultureInfo.InvariantCulture);
                    stat["ctime"] = double.Parse(f[9], CultureInfo.InvariantCulture);
                    stat["inode"] = long.Parse(f[10], CultureInfo.InvariantCulture);
                    stat["nlink"] = int.Parse(f[11], CultureInfo.InvariantCulture);
                    stat["dev"] = long.Parse(f[12], CultureInfo.InvariantCulture);
                    string[] who = ["usr", "grp", "oth"];
                    for (var i = 0; i < 3; i++)
                    {
                        var bits = (mode >> (6 - (3 * i))) & 7;
                        stat["r" + who[i]] = (bits & 4) != 0;
                        stat["w" + who[i]] = (bits & 2) != 0;
                        stat["x" + who[i]] = (bits & 1) != 0;
                    }

                    stat["isuid"] = (mode & 0x800) != 0;
                    stat["isgid"] = (mode & 0x400) != 0;
                    break;
                case "link" when f.Length >= 3:
                    stat["lnk_target"] = f[1];
                    stat["lnk_source"] = f[2];
                    break;
                case "access" when f.Length >= 4:
                    stat["readable"] = f[1] == "1";
                    stat["writeable"] = f[2] == "1";
                    stat["executable"] = f[3] == "1";
                    break;
                case "sum" when f.Length >= 2 && f[1].Length > 0:
                    stat["checksum"] = f[1];
                    break;
                case "mime" when f.Length >= 3:
                    stat["mimetype"] = f[1];
                    stat["charset"] = f[2];
                    break;
            }
        }

        return stat;
    }
}
