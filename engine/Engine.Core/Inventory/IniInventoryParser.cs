using System.Text.RegularExpressions;
using Converge.Core.Diagnostics;

namespace Converge.Core.Inventory;

/// <summary>
/// Ansible's INI inventory format (plugins/inventory/ini.py): hosts before any section are ungrouped;
/// <c>[group]</c> lists hosts with inline <c>key=value</c> variables, <c>[group:children]</c> lists child groups
/// (which must be declared somewhere in the file), <c>[group:vars]</c> holds <c>key = value</c> lines.
/// Values go through Python's <c>literal_eval</c> as upstream. Unlike upstream, a bad line does not stop the
/// parse: every problem becomes a diagnostic.
/// </summary>
internal sealed partial class IniInventoryParser
{
    private static readonly string[] SectionKinds = ["hosts", "children", "vars"];

    private readonly string _path;
    private readonly InventoryBuilder _inventory;
    private readonly Dictionary<string, PendingGroup> _pending = new(StringComparer.Ordinal);
    private InventoryGroup? _group;
    private string _kind = "hosts";

    private IniInventoryParser(string path, InventoryBuilder inventory)
    {
        _path = path;
        _inventory = inventory;
        _group = inventory.AddGroup(InventoryBuilder.Ungrouped, SourceSpan.None);
    }

    public static void Parse(string path, string text, InventoryBuilder inventory)
    {
        var parser = new IniInventoryParser(path, inventory);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            parser.ParseLine(lines[i].TrimEnd('\r'), i + 1);
        }

        parser.ReportPending();
    }

    private void ParseLine(string raw, int number)
    {
        var line = raw.Trim();
        if (line.Length == 0 || line[0] is '#' or ';')
        {
            return;
        }

        var at = new SourceSpan(_path, number, raw.Length - raw.TrimStart().Length + 1);
        var section = Section().Match(line);
        if (section.Success)
        {
            StartSection(section.Groups[1].Value, section.Groups[2].Success ? section.Groups[2].Value : "hosts", at);
            return;
        }

        if (line.StartsWith('[') && line.EndsWith(']'))
        {
            _inventory.Diagnostics.Add(at, $"invalid section '{line}': expected [group], [group:children] or [group:vars] with no spaces");
            _kind = "skip";
            return;
        }

        switch (_kind)
        {
            case "hosts":
                ParseHostLine(raw, number, at);
                break;
            case "vars":
                ParseVariableLine(line, at);
                break;
            case "children":
                ParseChildLine(line, at);
                break;
        }
    }

    private void StartSection(string name, string kind, SourceSpan at)
    {
        if (!SectionKinds.Contains(kind, StringComparer.Ordinal))
        {
            _inventory.Diagnostics.Add(at, $"section [{name}:{kind}] has unknown type '{kind}'{NameSuggestion.DidYouMean(kind, SectionKinds)} (expected hosts, children or vars)");
            _kind = "skip";
            return;
        }

        _kind = kind;
        var groupSpan = new SourceSpan(at.File, at.Line, at.Column + 1);

        // [group] or [group:children] declares a group; [group:vars] alone does not (upstream's pending_declarations).
        if (!_inventory.HasGroup(name) && kind == "vars" && !_pending.ContainsKey(name))
        {
            _pending[name] = new PendingGroup("vars", groupSpan, []);
        }

        _group = _inventory.AddGroup(name, groupSpan);
        if (kind != "vars" && _pending.TryGetValue(name, out var pending))
        {
            if (pending.Kind == "children")
            {
                AddPendingChildren(name);
            }
            else
            {
                _pending.Remove(name);
            }
        }
    }

    private void AddPendingChildren(string name)
    {
        var pending = _pending[name];
        _pending.Remove(name);
        foreach (var (parent, span) in pending.Parents)
        {
            _inventory.AddChild(_inventory.AddGroup(parent, span), _inventory.AddGroup(name, span), span);
            if (_pending.TryGetValue(parent, out var parentPending) && parentPending.Kind == "children")
            {
                AddPendingChildren(parent);
            }
        }
    }

    private void ParseChildLine(string line, SourceSpan at)
    {
        var m = GroupName().Match(line);
        if (!m.Success)
        {
            _inventory.Diagnostics.Add(at, $"expected a group name in [{_group!.Name}:children], got '{line}'");
            return;
        }

        var child = m.Groups[1].Value;
        if (_inventory.HasGroup(child))
        {
            _inventory.AddChild(_group!, _inventory.AddGroup(child, at), at);
        }
        else if (_pending.TryGetValue(child, out var pending))
        {
            pending.Parents.Add((_group!.Name, at));
        }
        else
        {
            _pending[child] = new PendingGroup("children", at, [(_group!.Name, at)]);
        }
    }

    private void ParseVariableLine(string line, SourceSpan at)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            _inventory.Diagnostics.Add(at, $"expected 'key = value' in [{_group!.Name}:vars], got '{line}'");
            return;
        }

        var key = line[..equals].Trim();
        var value = line[(equals + 1)..].Trim();
        _inventory.SetVariable(_group!, key, PythonLiteral.ParseOrText(value), at);
    }

    private void ReportPending()
    {
        foreach (var (name, pending) in _pending)
        {
            var known = _inventory.Groups.Select(g => g.Name);
            if (pending.Kind == "vars")
            {
                _inventory.Diagnostics.Add(pending.Span, $"section [{name}:vars] is for group '{name}', which is not defined in this file{NameSuggestion.DidYouMean(name, known)}");
            }
            else
            {
                foreach (var (parent, span) in pending.Parents)
                {
                    _inventory.Diagnostics.Add(span, $"[{parent}:children] names group '{name}', which is not defined in this file{NameSuggestion.DidYouMean(name, known)} (declare it with a [{name}] section)");
                }
            }
        }
    }

    private sealed record PendingGroup(string Kind, SourceSpan Span, List<(string Parent, SourceSpan Span)> Parents);

    [GeneratedRegex(@"^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$")]
    private static partial Regex Section();

    [GeneratedRegex(@"^([^:\]\s]+)\s*(?:#.*)?$")]
    private static partial Regex GroupName();
}
