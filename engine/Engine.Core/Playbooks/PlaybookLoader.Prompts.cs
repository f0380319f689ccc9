using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>A play's <c>vars_prompt</c>: a list of mappings with <c>name</c> and <c>prompt</c>, <c>default</c>, <c>private</c>, <c>confirm</c>.</summary>
public sealed partial class PlaybookLoader
{
    private static readonly string[] PromptKeys = ["name", "prompt", "default", "private", "confirm", "unsafe"];

    private static IEnumerable<VarsPrompt> Prompts(YamlReader reader, YamlNode value)
    {
        if (value is not YamlSequenceNode list)
        {
            reader.Error(value, $"vars_prompt must be a list of prompts (- name: x, prompt: \"...\"), not a {YamlReader.Describe(value)}");
            yield break;
        }

        foreach (var node in list.Children)
        {
            if (reader.Mapping(node, "a vars_prompt entry") is not { } mapping)
            {
                continue;
            }

            string? name = null;
            string? question = null;
            object? fallback = null;
            var hidden = true;
            var confirm = false;
            foreach (var (keyNode, item) in mapping.Children)
            {
                switch (YamlValues.KeyText(keyNode))
                {
                    case "name": name = reader.String(item, "name"); break;
                    case "prompt": question = reader.String(item, "prompt"); break;
                    case "default": fallback = YamlValues.ToPlain(item); break;
                    case "private": hidden = reader.Bool(item, "private") ?? true; break;
                    case "confirm": confirm = reader.Bool(item, "confirm") ?? false; break;
                    case "unsafe": break;
                    case "encrypt" or "salt" or "salt_size":
                        reader.Error(keyNode, $"vars_prompt '{YamlValues.KeyText(keyNode)}' is not supported: hash the value with the password_hash filter where it is used");
                        break;
                    case var other:
                        reader.Error(keyNode, $"unknown vars_prompt key '{other}'{Diagnostics.NameSuggestion.DidYouMean(other, PromptKeys)}; an entry has {string.Join(", ", PromptKeys)}");
                        break;
                }
            }

            if (string.IsNullOrEmpty(name))
            {
                reader.Error(node, "a vars_prompt entry needs 'name:' (the variable it sets)");
                continue;
            }

            yield return new VarsPrompt(name, question ?? name, fallback, hidden, confirm, reader.Span(node));
        }
    }
}
