using System.Text;

namespace Converge.Core.Binding;

/// <summary>Maps PascalCase property names to the snake_case keys users write.</summary>
public static class ParamName
{
    public static string ToSnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>Enum member names as users write them: <c>LinuxBridge</c> → <c>linux-bridge</c>.</summary>
    public static string ToKebabCase(string name) => ToSnakeCase(name).Replace('_', '-');
}
