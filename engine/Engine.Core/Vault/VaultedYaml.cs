using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Vault;

/// <summary>
/// Vault in YAML files, as Ansible reads them: a whole file encrypted with <c>ansible-vault encrypt</c>
/// is opened before it is parsed, and each <c>!vault |</c> scalar is replaced by its plaintext right
/// after parsing, so every loader downstream sees plain strings. Each revealed value is remembered by
/// the <see cref="VaultKeyring"/> so the run's redactor keeps it out of everything printed.
/// </summary>
public static class VaultedYaml
{
    public const string Tag = "!vault";

    /// <summary>The text to parse: the plaintext of a vaulted file, or the text as it is. Null on failure (diagnosed).</summary>
    public static string? OpenFile(string path, string text, DiagnosticBag diagnostics)
    {
        if (!VaultEnvelope.IsVaulted(text))
        {
            return text;
        }

        try
        {
            return VaultKeyring.Current.DecryptText(text, $"file {path}");
        }
        catch (VaultException e)
        {
            diagnostics.Add(new SourceSpan(path, 1, 1), e.Message);
            return null;
        }
    }

    /// <summary>Replaces every <c>!vault</c> scalar under <paramref name="root"/> with its plaintext (a string).</summary>
    public static void OpenValues(string path, YamlNode? root, DiagnosticBag diagnostics)
    {
        if (root is null)
        {
            return;
        }

        foreach (var node in root.AllNodes)
        {
            if (node is YamlScalarNode scalar && !scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == Tag)
            {
                try
                {
                    scalar.Value = VaultKeyring.Current.DecryptText(scalar.Value ?? string.Empty, "this value");
                    scalar.Tag = TagName.Empty;
                    scalar.Style = ScalarStyle.DoubleQuoted;
                }
                catch (VaultException e)
                {
                    diagnostics.Add(YamlSpan.Of(path, scalar), e.Message);
                }
            }
        }
    }
}
