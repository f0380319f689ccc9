using Converge.Core.Diagnostics;
using Converge.Core.Vault;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Yaml;

/// <summary>A parsed YAML file: its path and the root node of its first document (null when empty).</summary>
public sealed record YamlFile(string Path, YamlNode? Root)
{
    /// <summary>
    /// Parses a file; malformed YAML becomes a diagnostic at the parser's position, and the result is null.
    /// </summary>
    public static YamlFile? Load(string path, DiagnosticBag diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            diagnostics.Add(new SourceSpan(path, 0, 0), $"cannot read file: {e.Message}");
            return null;
        }

        return Parse(path, text, diagnostics);
    }

    public static YamlFile? Parse(string path, string text, DiagnosticBag diagnostics)
    {
        if (VaultedYaml.OpenFile(path, text, diagnostics) is not { } plain)
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(plain));
            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            VaultedYaml.OpenValues(path, root, diagnostics);
            return new YamlFile(path, root);
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Trim();
            var at = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith('(') && at > 0)
            {
                message = message[(at + 3)..];
            }

            diagnostics.Add(YamlSpan.Of(path, e.Start), $"malformed YAML: {message}");
            return null;
        }
    }

    public SourceSpan SpanOf(YamlNode node) => YamlSpan.Of(Path, node);
}
