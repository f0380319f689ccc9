using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Converge.Core.Yaml;

/// <summary>
/// YamlDotNet's event parser with the checks a hostile or careless file needs before a node tree is built:
/// nesting depth is bounded (the tree builder recurses, so 200,000 brackets would overflow the stack),
/// an alias to a node that is still open (a recursive structure) is refused, the nodes that aliases add
/// when expanded are counted and bounded ("billion laughs"), and only the tags Ansible's loader knows are
/// accepted. Each violation is a <see cref="YamlException"/> at the offending event, so it is reported
/// like any other YAML error, with its line and column.
/// </summary>
internal sealed class CheckedYamlParser(IParser inner) : IParser
{
    /// <summary>Far deeper than any real playbook; shallow enough for the recursive tree builder.</summary>
    public const int MaxDepth = 256;

    /// <summary>Nodes that alias expansion may add to one document (values are copied when converted).</summary>
    public const long MaxAliasedNodes = 100_000;

    // PyYAML's SafeConstructor tags that Converge reads as their untagged form, plus Ansible's own
    // (!unsafe marks a string that is never templated; !vault holds an encrypted value).
    private static readonly HashSet<string> KnownTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "!unsafe", "!vault",
    };

    private readonly Stack<Frame> _open = new();
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);
    private long _aliased;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case DocumentStart:
                _sizes.Clear();
                _aliased = 0;
                break;
            case AnchorAlias alias:
                Alias(alias);
                break;
            case Scalar scalar:
                CheckTag(scalar);
                Close(scalar.Anchor, 1);
                break;
            case NodeEvent start when start is SequenceStart or MappingStart:
                CheckTag(start);
                if (_open.Count >= MaxDepth)
                {
                    throw new YamlException(start.Start, start.End, $"nesting is deeper than {MaxDepth} levels");
                }

                _open.Push(new Frame(start.Anchor.IsEmpty ? null : start.Anchor.Value));
                break;
            case SequenceEnd or MappingEnd:
                var frame = _open.Pop();
                Close(frame.Anchor is null ? AnchorName.Empty : new AnchorName(frame.Anchor), frame.Size + 1);
                break;
        }

        return true;
    }

    private void Alias(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (_open.Any(f => f.Anchor == name))
        {
            throw new YamlException(alias.Start, alias.End, $"alias *{name} refers to a node that contains it (a recursive structure)");
        }

        if (!_sizes.TryGetValue(name, out var size))
        {
            throw new YamlException(alias.Start, alias.End, $"alias *{name} has no anchor &{name} before it in this document");
        }

        _aliased += size;
        if (_aliased > MaxAliasedNodes)
        {
            throw new YamlException(alias.Start, alias.End, $"aliases expand to more than {MaxAliasedNodes} nodes (at *{name}); a YAML alias bomb is refused");
        }

        Add(size);
    }

    private void Close(AnchorName anchor, long size)
    {
        if (!anchor.IsEmpty)
        {
            _sizes[anchor.Value] = size;
        }

        Add(size);
    }

    private void Add(long size)
    {
        if (_open.TryPeek(out var parent))
        {
            parent.Size += size;
        }
    }

    private static void CheckTag(NodeEvent node)
    {
        if (node.Tag.IsEmpty || node.Tag.IsNonSpecific || KnownTags.Contains(node.Tag.Value))
        {
            return;
        }

        var shown = node.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + node.Tag.Value[18..] : node.Tag.Value;
        throw new YamlException(node.Start, node.End, $"unknown or unsupported tag '{shown}'; Converge reads !!str, !!int, !!float, !!bool, !!null, !!seq, !!map, !unsafe and !vault");
    }

    private sealed class Frame(string? anchor)
    {
        public string? Anchor { get; } = anchor;

        public long Size { get; set; }
    }
}
