using Converge.Core.Diagnostics;
using Converge.Core.Vault;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Yaml;

/// <summary>
/// A parsed YAML file: its path and the root node of its one document (null when empty). Every input file
/// (playbook, inventory, vars file, <c>-e @file</c>) is read through here, so the bounds of
/// <see cref="CheckedYamlParser"/>, strict UTF-8, merge keys and the single-document rule hold for all.
/// </summary>
public sealed record YamlFile(string Path, YamlNode? Root)
{
    /// <summary>
    /// Parses a file; malformed YAML becomes a diagnostic at the parser's position, and the result is null.
    /// </summary>
    public static YamlFile? Load(string path, DiagnosticBag diagnostics)
    {
        var text = SourceText.Read(path, diagnostics);
        return text is null ? null : Parse(path, text, diagnostics);
    }

    public static YamlFile? Parse(string path, string text, DiagnosticBag diagnostics)
    {
        if (VaultedYaml.OpenFile(path, text, diagnostics) is not { } plain)
        {
            return null;
        }

        if (NonPrintable(plain) is { } bad)
        {
            diagnostics.Add(new SourceSpan(path, bad.Line, bad.Column), $"malformed YAML: control character U+{(int)plain[bad.Index]:X4} is not allowed in YAML (write it as an escape such as \\x01 inside double quotes)");
            return null;
        }

        CheckedYamlParser? parser = null;
        try
        {
            var stream = new YamlStream();
            parser = new CheckedYamlParser(new Parser(new StringReader(plain)));
            stream.Load(parser);
            if (stream.Documents.Count > 1)
            {
                // PyYAML's get_single_data refuses a second document too; dropping it would lose plays or hosts.
                diagnostics.Add(YamlSpan.Of(path, stream.Documents[1].RootNode), "a second YAML document ('---') is not allowed here: Ansible reads exactly one document per file; merge them or split them into separate files");
                return null;
            }

            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (root is not null)
            {
                MergeKeys.Apply(path, root, diagnostics);
            }

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
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            // YamlDotNet fails this way on some malformed input (e.g. "a: [1, 2" followed by another key)
            // instead of raising a YamlException: report it where the last well-formed part ended.
            var at = parser?.Current?.End is { } end ? YamlSpan.Of(path, end) : new SourceSpan(path, 1, 1);
            diagnostics.Add(at, "malformed YAML after this point (a bracket, brace or quote left open?)");
            return null;
        }
    }

    public SourceSpan SpanOf(YamlNode node) => YamlSpan.Of(Path, node);

    /// <summary>
    /// The first character YAML 1.1 does not allow in a stream (PyYAML's Reader refuses it the same way:
    /// "special characters are not allowed"); YamlDotNet would pass it on to the hosts.
    /// </summary>
    private static (int Index, int Line, int Column)? NonPrintable(string text)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if ((c < 0x20 && c is not '\t' and not '\r') || (c >= 0x7F && c <= 0x9F && c != 0x85) || c is '\uFFFE' or '\uFFFF')
            {
                return (i, line, i - lineStart + 1);
            }
        }

        return null;
    }
}
