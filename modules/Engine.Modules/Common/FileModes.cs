namespace Converge.Modules.Common;

/// <summary>
/// File modes as users write them: octal (<c>"0644"</c>, <c>"644"</c>, <c>"2775"</c>) or chmod's symbolic
/// form (<c>"u=rw,g=r,o=r"</c>, <c>"a+x"</c>, <c>"go-w"</c>; see chmod(1)). Symbolic modes are applied to
/// the current mode, as chmod does, except that an empty "who" means "a" (umask is not consulted).
/// </summary>
public static class FileModes
{
    public const int DefaultFile = 0b110_100_100;

    public const int DefaultDirectory = 0b111_101_101;

    /// <summary>
    /// Whether users may write this mode: symbolic, or octal with four digits. Three digits are refused
    /// because YAML 1.1 reads an unquoted <c>0644</c> as the number 420, which would arrive here as "420"
    /// and silently mean 0420; Ansible users know the trap as <c>mode: 644</c> meaning 01204.
    /// </summary>
    public static bool IsValid(string? spec) =>
        spec is not null
        && (spec.Trim().Length >= 4 || !spec.Trim().All(char.IsAsciiDigit))
        && TryResolve(spec, DefaultFile, isDirectory: false, out _);

    /// <summary>The mode that <paramref name="spec"/> gives a path whose mode is <paramref name="current"/>.</summary>
    public static int Resolve(string spec, int current, bool isDirectory) =>
        TryResolve(spec, current, isDirectory, out var mode) ? mode : throw new FormatException($"invalid mode '{spec}'");

    /// <summary>Four octal digits, the way <see cref="Core.Connections.FileStat.ModeOctal"/> prints them.</summary>
    public static string Format(int mode) => "0" + Convert.ToString(mode & 0xFFF, 8).PadLeft(3, '0');

    private static bool TryResolve(string spec, int current, bool isDirectory, out int mode)
    {
        mode = current;
        spec = spec.Trim();
        if (spec.Length is >= 3 and <= 5 && spec.All(c => c is >= '0' and <= '7'))
        {
            mode = Convert.ToInt32(spec, 8);
            return mode <= 0xFFF;
        }

        foreach (var clause in spec.Split(','))
        {
            if (!TryApplyClause(clause, ref mode, isDirectory))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryApplyClause(string clause, ref int mode, bool isDirectory)
    {
        var i = 0;
        var who = 0;
        for (; i < clause.Length && clause[i] is 'u' or 'g' or 'o' or 'a'; i++)
        {
            who |= clause[i] switch { 'u' => 0b100, 'g' => 0b010, 'o' => 0b001, _ => 0b111 };
        }

        if (i >= clause.Length || clause[i] is not ('=' or '+' or '-'))
        {
            return false;
        }

        who = who == 0 ? 0b111 : who;
        var op = clause[i++];
        var bits = 0;
        for (; i < clause.Length; i++)
        {
            var perm = clause[i] switch
            {
                'r' => 0b100,
                'w' => 0b010,
                'x' => 0b001,
                'X' => isDirectory || (mode & 0b001_001_001) != 0 ? 0b001 : 0,
                's' or 't' => 0,
                _ => -1,
            };
            if (perm < 0)
            {
                return false;
            }

            bits |= Spread(perm, who) | Special(clause[i], who);
        }

        var mask = Spread(0b111, who) | Special('s', who) | Special('t', who);
        mode = op switch
        {
            '=' => (mode & ~mask) | bits,
            '+' => mode | bits,
            _ => mode & ~bits,
        };
        return true;
    }

    private static int Spread(int perm, int who) =>
        ((who & 0b100) != 0 ? perm << 6 : 0) | ((who & 0b010) != 0 ? perm << 3 : 0) | ((who & 0b001) != 0 ? perm : 0);

    private static int Special(char perm, int who) => perm switch
    {
        's' => ((who & 0b100) != 0 ? 0x800 /* 04000 setuid */ : 0) | ((who & 0b010) != 0 ? 0x400 /* 02000 setgid */ : 0),
        't' => (who & 0b001) != 0 ? 0x200 /* 01000 sticky */ : 0,
        _ => 0,
    };
}
