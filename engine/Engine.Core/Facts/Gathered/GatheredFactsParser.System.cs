using System.Globalization;

namespace Converge.Core.Facts.Gathered;

/// <summary>Distribution, LSB, user, date and local facts.</summary>
public static partial class GatheredFactsParser
{
    private static readonly Dictionary<string, string> DistributionNames = new(StringComparer.Ordinal)
    {
        ["debian"] = "Debian", ["ubuntu"] = "Ubuntu", ["linuxmint"] = "Linux Mint", ["raspbian"] = "Raspbian",
        ["devuan"] = "Devuan", ["kali"] = "Kali", ["pop"] = "Pop!_OS", ["neon"] = "KDE neon",
        ["rhel"] = "RedHat", ["centos"] = "CentOS", ["fedora"] = "Fedora", ["rocky"] = "Rocky", ["almalinux"] = "AlmaLinux",
        ["alpine"] = "Alpine", ["arch"] = "Archlinux", ["opensuse-leap"] = "openSUSE Leap", ["sles"] = "SLES",
    };

    private static readonly HashSet<string> DebianFamily = new(StringComparer.Ordinal)
    {
        "Debian", "Ubuntu", "Raspbian", "Neon", "KDE neon", "Linux Mint", "SteamOS", "Devuan", "Kali", "Cumulus Linux", "Pop!_OS", "Parrot", "Pardus GNU/Linux", "Uos", "Deepin", "OSMC",
    };

    private static void Distribution(Dictionary<string, string> sections, Dictionary<string, object?> facts)
    {
        var release = KeyValues(Lines(sections, "os-release"), '=');
        var id = release.GetValueOrDefault("ID") ?? "linux";
        var name = DistributionNames.GetValueOrDefault(id) ?? (id.Length > 0 ? char.ToUpperInvariant(id[0]) + id[1..] : "Linux");
        var version = release.GetValueOrDefault("VERSION_ID") ?? string.Empty;
        var debianVersion = Text(sections, "debian_version").Trim();
        var point = System.Text.RegularExpressions.Regex.Match(debianVersion, @"(\d+)\.(\d+)");
        if (name == "Debian" && point.Success && Text(sections, "distro-lib").Trim() == "yes")
        {
            // Debian's point release lives in /etc/debian_version (12.11); os-release has only "12". The probe
            // reads it only where Ansible would (see GatheredFactsScript).
            version = debianVersion;
        }

        facts["distribution"] = name;
        facts["distribution_version"] = version;
        facts["distribution_major_version"] = version.Split('.')[0];
        if (name == "Debian" && point.Success)
        {
            facts["distribution_minor_version"] = point.Groups[2].Value;
        }
        else if (version.Contains('.', StringComparison.Ordinal))
        {
            facts["distribution_minor_version"] = version.Split('.')[1];
        }

        facts["distribution_release"] = release.GetValueOrDefault("UBUNTU_CODENAME") ?? release.GetValueOrDefault("VERSION_CODENAME") ?? string.Empty;
        facts["os_family"] = DebianFamily.Contains(name) ? "Debian" : name switch
        {
            "RedHat" or "CentOS" or "Fedora" or "Rocky" or "AlmaLinux" => "RedHat",
            "openSUSE Leap" or "SLES" => "Suse",
            _ => name,
        };
    }

    private static Dictionary<string, object?> Lsb(Dictionary<string, string> sections)
    {
        var lsb = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var line in Lines(sections, "lsb_release").Where(l => l.Contains(':', StringComparison.Ordinal)))
        {
            var value = line.Split(':', 2)[1].Trim();
            var key = line.StartsWith("LSB Version:", StringComparison.Ordinal) ? "release"
                : line.StartsWith("Distributor ID:", StringComparison.Ordinal) ? "id"
                : line.StartsWith("Description:", StringComparison.Ordinal) ? "description"
                : line.StartsWith("Release:", StringComparison.Ordinal) ? "release"
                : line.StartsWith("Codename:", StringComparison.Ordinal) ? "codename" : null;
            if (key is not null)
            {
                lsb[key] = value;
            }
        }

        if (lsb.Count == 0)
        {
            foreach (var (key, value) in KeyValues(Lines(sections, "lsb-release"), '='))
            {
                var name = key switch { "DISTRIB_ID" => "id", "DISTRIB_RELEASE" => "release", "DISTRIB_DESCRIPTION" => "description", "DISTRIB_CODENAME" => "codename", _ => null };
                if (name is not null)
                {
                    lsb[name] = value;
                }
            }
        }

        if (lsb.GetValueOrDefault("release") is string release)
        {
            lsb["major_release"] = release.Split('.')[0];
        }

        return lsb;
    }

    private static void User(Dictionary<string, string> sections, Dictionary<string, object?> facts)
    {
        // id: "uid=0(root) gid=0(root) groups=0(root)".
        var id = Text(sections, "id").Trim();
        long Number(string field) => id.Split(' ').FirstOrDefault(w => w.StartsWith(field + "=", StringComparison.Ordinal)) is { } w
            ? long.Parse(w[(field.Length + 1)..].Split('(')[0], CultureInfo.InvariantCulture) : -1;
        var (uid, gid) = (Number("uid"), Number("gid"));
        var entry = Lines(sections, "passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length >= 7 && f[2] == uid.ToString(CultureInfo.InvariantCulture));
        facts["user_id"] = entry?[0] ?? id.Split('(', ')').ElementAtOrDefault(1) ?? string.Empty;
        facts["user_uid"] = uid;
        facts["user_gid"] = entry is null ? gid : long.Parse(entry[3], CultureInfo.InvariantCulture);
        facts["user_gecos"] = entry?[4] ?? string.Empty;
        facts["user_dir"] = entry?[5] ?? string.Empty;
        facts["user_shell"] = entry?[6] ?? string.Empty;
        facts["real_user_id"] = uid;
        facts["effective_user_id"] = uid;
        facts["real_group_id"] = gid;
        facts["effective_group_id"] = gid;
    }

    /// <summary>ansible/module_utils/facts/system/date_time.py from one <c>date</c> call (local fields; UTC derived from the epoch).</summary>
    private static Dictionary<string, object?> DateTimeFacts(string line)
    {
        var f = line.Split('|');
        if (f.Length < 13)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        var (year, month, weekday, weekdayNumber, weekNumber, day, hour, minute, second, epoch, nanos, tz, offset) =
            (f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]);
        var micro = nanos.Length >= 6 ? nanos[..6] : nanos.PadLeft(6, '0');
        var utc = DateTimeOffset.FromUnixTimeSeconds(long.Parse(epoch, CultureInfo.InvariantCulture)).UtcDateTime;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["year"] = year, ["month"] = month, ["weekday"] = weekday, ["weekday_number"] = weekdayNumber, ["weeknumber"] = weekNumber,
            ["day"] = day, ["hour"] = hour, ["minute"] = minute, ["second"] = second, ["epoch"] = epoch, ["epoch_int"] = epoch,
            ["date"] = $"{year}-{month}-{day}", ["time"] = $"{hour}:{minute}:{second}",
            ["iso8601_micro"] = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + $".{micro}Z",
            ["iso8601"] = utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["iso8601_basic"] = $"{year}{month}{day}T{hour}{minute}{second}{micro}",
            ["iso8601_basic_short"] = $"{year}{month}{day}T{hour}{minute}{second}",
            ["tz"] = tz, ["tz_dst"] = tz, ["tz_offset"] = offset,
        };
    }

    /// <summary>Local facts from <c>/etc/ansible/facts.d/*.fact</c>: JSON, else INI (sections of key=value), keyed by file name.</summary>
    private static Dictionary<string, object?> LocalFacts(string text)
    {
        var local = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var block in text.Split("@@fact ", StringSplitOptions.RemoveEmptyEntries))
        {
            var newline = block.IndexOf('\n', StringComparison.Ordinal);
            var header = (newline < 0 ? block : block[..newline]).Split(' ');
            var body = newline < 0 ? string.Empty : block[(newline + 1)..];
            var name = Path.GetFileNameWithoutExtension(header[0]);
            local[name] = Json(body) ?? Ini(body);
        }

        return local;
    }

    private static object? Json(string body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return Inventory.JsonPlain.ToPlain(document.RootElement);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, object?> Ini(string body)
    {
        var sections = new Dictionary<string, object?>(StringComparer.Ordinal);
        Dictionary<string, object?>? current = null;
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = new Dictionary<string, object?>(StringComparer.Ordinal);
                sections[line[1..^1]] = current;
            }
            else if (current is not null && line.IndexOfAny(['=', ':']) is var at and > 0)
            {
                current[line[..at].Trim().ToLowerInvariant()] = line[(at + 1)..].Trim();
            }
        }

        return sections;
    }

    private static Dictionary<string, string> KeyValues(IEnumerable<string> lines, char separator)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0)
            {
                values[line[..at].Trim()] = line[(at + 1)..].Trim().Trim('"', '\'');
            }
        }

        return values;
    }
}
