using Converge.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Yaml;

/// <summary>
/// YAML 1.1 merge keys (<c>&lt;&lt;: *base</c> or <c>&lt;&lt;: [*a, *b]</c>), applied to the node tree as PyYAML's
/// <c>flatten_mapping</c> does for Ansible: the mapping's own keys win over merged ones, and among several
/// merged mappings the first wins. A quoted <c>"&lt;&lt;"</c> stays an ordinary key.
/// </summary>
internal static class MergeKeys
{
    public static void Apply(string path, YamlNode root, DiagnosticBag diagnostics)
    {
        // Aliased nodes are shared in the tree; CheckedYamlParser refused cycles, so each is flattened once.
        var done = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        Visit(root);

        void Visit(YamlNode node)
        {
            if (!done.Add(node))
            {
                return;
            }

            switch (node)
            {
                case YamlSequenceNode sequence:
                    foreach (var child in sequence.Children)
                    {
                        Visit(child);
                    }

                    break;
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Children)
                    {
                        Visit(key);
                        Visit(value);
                    }

                    Flatten(mapping);
                    break;
            }
        }

        void Flatten(YamlMappingNode mapping)
        {
            var merges = mapping.Children.Where(p => IsMergeKey(p.Key)).ToList();
            if (merges.Count == 0)
            {
                return;
            }

            var result = new List<KeyValuePair<YamlNode, YamlNode>>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (_, value) in merges)
            {
                IEnumerable<YamlNode> sources = value is YamlSequenceNode list ? list.Children : [value];
                foreach (var source in sources)
                {
                    if (source is not YamlMappingNode merged)
                    {
                        diagnostics.Add(YamlSpan.Of(path, source), "a merge key '<<' takes a mapping or a list of mappings (usually aliases such as *base)");
                        continue;
                    }

                    foreach (var pair in merged.Children.Where(p => index.TryAdd(YamlValues.KeyText(p.Key), result.Count)))
                    {
                        result.Add(pair);
                    }
                }
            }

            foreach (var pair in mapping.Children.Where(p => !IsMergeKey(p.Key)))
            {
                if (index.TryGetValue(YamlValues.KeyText(pair.Key), out var at))
                {
                    result[at] = pair;
                }
                else
                {
                    result.Add(pair);
                }
            }

            mapping.Children.Clear();
            foreach (var (key, value) in result)
            {
                mapping.Children.Add(key, value);
            }
        }
    }

    private static bool IsMergeKey(YamlNode key) => key is YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain or ScalarStyle.Any };
}
