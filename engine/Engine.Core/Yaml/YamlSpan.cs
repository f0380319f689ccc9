using Converge.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Yaml;

/// <summary>Source spans of YAML nodes and marks.</summary>
public static class YamlSpan
{
    public static SourceSpan Of(string file, YamlNode node) => Of(file, node.Start);

    public static SourceSpan Of(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);
}
