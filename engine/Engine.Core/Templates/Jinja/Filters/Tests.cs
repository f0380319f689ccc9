using System.Text.RegularExpressions;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>Jinja's and Ansible's tests (<c>x is defined</c>, <c>v is version('2.0', '&gt;=')</c>, <c>r is failed</c>).</summary>
public static class Tests
{
    public static void Register(Dictionary<string, JinjaFunction> tests)
    {
        tests["defined"] = new(c => c.Input is not Undefined, AcceptsUndefined: true);
        tests["undefined"] = new(c => c.Input is Undefined, AcceptsUndefined: true);
        tests["none"] = new(c => c.Input is null);
        tests["true"] = new(c => c.Input is true);
        tests["false"] = new(c => c.Input is false);
        tests["boolean"] = new(c => c.Input is bool);
        tests["string"] = new(c => c.Input is string);
        tests["number"] = new(c => c.Input is long or double or bool);
        tests["integer"] = new(c => c.Input is long);
        tests["float"] = new(c => c.Input is double);
        tests["mapping"] = new(c => Py.IsMap(c.Input));
        tests["sequence"] = tests["iterable"] = new(c => c.Input is string || Py.IsSequence(c.Input) || Py.IsMap(c.Input));
        tests["callable"] = new(c => c.Input is IJinjaCallable);
        tests["eq"] = tests["equalto"] = tests["=="] = new(c => Py.Equals(c.Input, c.Arg(0, "other")));
        tests["ne"] = tests["!="] = new(c => !Py.Equals(c.Input, c.Arg(0, "other")));
        tests["lt"] = tests["lessthan"] = tests["<"] = new(c => Py.Compare(c.Input, c.Arg(0, "other")) < 0);
        tests["le"] = tests["<="] = new(c => Py.Compare(c.Input, c.Arg(0, "other")) <= 0);
        tests["gt"] = tests["greaterthan"] = tests[">"] = new(c => Py.Compare(c.Input, c.Arg(0, "other")) > 0);
        tests["ge"] = tests[">="] = new(c => Py.Compare(c.Input, c.Arg(0, "other")) >= 0);
        tests["in"] = new(c => Py.Contains(c.Arg(0, "seq"), c.Input));
        tests["contains"] = new(c => Py.Contains(c.Input, c.Arg(0, "seq")));
        tests["sameas"] = new(c => ReferenceEquals(c.Input, c.Arg(0, "other")) || (c.Input is null && c.Arg(0, "other") is null) || (c.Input is bool a && c.Arg(0, "other") is bool b && a == b));
        tests["lower"] = new(c => c.Input is string s && !s.Any(char.IsUpper));
        tests["upper"] = new(c => c.Input is string s && !s.Any(char.IsLower));
        tests["even"] = new(c => Py.ToLong(c.Input, "value") % 2 == 0);
        tests["odd"] = new(c => Py.ToLong(c.Input, "value") % 2 != 0);
        tests["divisibleby"] = new(c => Py.ToLong(c.Input, "value") % Py.ToLong(c.Arg(0, "num"), "num") == 0);
        tests["match"] = new(c => Regex(c).Match(Py.Str(c.Input)) is { Success: true, Index: 0 });
        tests["search"] = new(c => Regex(c).IsMatch(Py.Str(c.Input)));
        tests["regex"] = new(c => c.Text(-1, "match_type", "search") == "match" ? Regex(c).Match(Py.Str(c.Input)) is { Success: true, Index: 0 } : Regex(c).IsMatch(Py.Str(c.Input)));
        tests["version"] = tests["version_compare"] = new(c => VersionCompare.Test(Py.Str(c.Input), c.Text(0, "version", string.Empty), c.Text(1, "operator", "eq"), c.Flag(2, "strict"), c.Text(-1, "version_type", "loose")));
        tests["subset"] = tests["issubset"] = new(c => Py.ToList(c.Input).All(x => Py.Contains(c.Arg(0, "b"), x)));
        tests["superset"] = tests["issuperset"] = new(c => Py.ToList(c.Arg(0, "b")).All(x => Py.Contains(c.Input, x)));
        tests["any"] = new(c => Py.Iterate(c.Input).Any(Py.Truthy));
        tests["all"] = new(c => Py.Iterate(c.Input).All(Py.Truthy));
        tests["truthy"] = new(c => Py.Truthy(c.Input) != c.Flag(0, "convert_bool") || (c.Flag(0, "convert_bool") && CoreFilters.Bool(c.Input)));
        tests["falsy"] = new(c => !Py.Truthy(c.Input));
        tests["abs"] = new(c => Path.IsPathRooted(Py.Str(c.Input)));
        tests["exists"] = new(c => File.Exists(Py.Str(c.Input)) || Directory.Exists(Py.Str(c.Input)));
        tests["file"] = tests["is_file"] = new(c => File.Exists(Py.Str(c.Input)));
        tests["directory"] = tests["is_dir"] = new(c => Directory.Exists(Py.Str(c.Input)));
        tests["link"] = tests["is_link"] = new(c => new FileInfo(Py.Str(c.Input)).LinkTarget is not null);
        tests["success"] = tests["succeeded"] = new(c => !Result(c, "failed"));
        tests["failed"] = tests["failure"] = new(c => Result(c, "failed"));
        tests["changed"] = tests["change"] = new(c => Result(c, "changed"));
        tests["skipped"] = tests["skip"] = new(c => Result(c, "skipped"));
        tests["finished"] = new(c => !Py.TryGetKey(c.Input, "finished", out var f) || Py.Truthy(f));
        tests["started"] = new(c => !Py.TryGetKey(c.Input, "started", out var f) || Py.Truthy(f));
    }

    private static Regex Regex(FilterCall c) => PyRegex.Get(c.Text(0, "pattern", string.Empty), c.Flag(1, "ignorecase"), c.Flag(2, "multiline"));

    /// <summary>The task-result tests read the registered result's flags (a missing flag is false), as Ansible's do.</summary>
    private static bool Result(FilterCall c, string flag)
    {
        if (!Py.IsMap(c.Input))
        {
            throw new PyException($"the '{c.Name}' test expects a registered task result (a dictionary)");
        }

        return Py.TryGetKey(c.Input, flag, out var value) && Py.Truthy(value);
    }
}
