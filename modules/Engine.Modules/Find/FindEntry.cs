namespace Converge.Modules.Find;

/// <summary>One entry find(1) printed: its path, type letter (<c>f</c>, <c>d</c>, <c>l</c>, …) and lstat fields.</summary>
public sealed record FindEntry(
    string Path, char Type, long Size, int Mode, int Uid, int Gid, long Inode, int Nlink,
    double Atime, double Mtime, double Ctime, string Owner, string GroupName, long Dev)
{
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Ansible's <c>statinfo</c> dictionary, with <c>path</c>.</summary>
    public Dictionary<string, object?> ToOutput()
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["path"] = Path,
            ["mode"] = "0" + Convert.ToString(Mode & 0xFFF, 8).PadLeft(3, '0'),
            ["isdir"] = Type == 'd',
            ["ischr"] = Type == 'c',
            ["isblk"] = Type == 'b',
            ["isreg"] = Type == 'f',
            ["isfifo"] = Type == 'p',
            ["islnk"] = Type == 'l',
            ["issock"] = Type == 's',
            ["uid"] = Uid,
            ["gid"] = Gid,
            ["size"] = Size,
            ["inode"] = Inode,
            ["dev"] = Dev,
            ["nlink"] = Nlink,
            ["atime"] = Atime,
            ["mtime"] = Mtime,
            ["ctime"] = Ctime,
            ["gr_name"] = GroupName,
            ["pw_name"] = Owner,
        };
        string[] who = ["usr", "grp", "oth"];
        for (var i = 0; i < 3; i++)
        {
            var bits = (Mode >> (6 - (3 * i))) & 7;
            output["w" + who[i]] = (bits & 2) != 0;
            output["r" + who[i]] = (bits & 4) != 0;
            output["x" + who[i]] = (bits & 1) != 0;
        }

        output["isuid"] = (Mode & 0x800) != 0;
        output["isgid"] = (Mode & 0x400) != 0;
        return output;
    }
}
