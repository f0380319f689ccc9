using System.Globalization;
using Converge.Core.Diagnostics;
using Converge.Core.Playbooks;
using Converge.Core.Templates;

namespace Converge.Core.Running;

/// <summary>
/// A task's keywords as they hold on one host: the literals written, with each keyword written as a template
/// rendered with the host's variables and then type-checked as Ansible does (a bool by Ansible's strict
/// <c>boolean()</c>, a number by Python's <c>int()</c>).
/// </summary>
internal sealed record TaskKeywords(bool IgnoresErrors, bool NoLog, int Retries, int Delay)
{
    /// <summary>Ansible's <c>BOOLEANS_TRUE</c> and <c>BOOLEANS_FALSE</c> (module_utils/parsing/convert_bool.py), compared lower-cased and trimmed.</summary>
    private static readonly HashSet<string> True = new(["y", "yes", "on", "1", "true", "t"], StringComparer.Ordinal);
    private static readonly HashSet<string> False = new(["n", "no", "off", "0", "false", "f"], StringComparer.Ordinal);

    /// <summary>The keywords before any template is rendered: a templated <c>no_log</c> counts as true (nothing leaks while it is unknown).</summary>
    public static TaskKeywords Literal(TaskDefinition task) => new(task.IgnoresErrors, task.HidesDetails, task.Retries, task.Delay);

    /// <summary>Renders the task's keyword templates with <paramref name="vars"/>; a value of the wrong type fails the task with where it was written.</summary>
    public static TaskKeywords Resolve(TaskDefinition task, IReadOnlyDictionary<string, object?> vars, TemplateEngine templates)
    {
        if (task.KeywordTemplates.Count == 0)
        {
            return Literal(task);
        }

        object? Render(KeywordTemplate keyword)
        {
            try
            {
                return templates.RenderValue(keyword.Text, vars);
            }
            catch (ConvergeException e)
            {
                throw new TaskFailedException($"{keyword.Span}: {keyword.Keyword}: {e.Message}");
            }
        }

        bool Bool(string name, bool literal) => task.TemplateOf(name) is not { } k ? literal
            : Render(k) is var value && AsBool(value) is { } b ? b : throw new TaskFailedException($"{k.Span}: {Problem(k, value)}");
        int Int(string name, int literal) => task.TemplateOf(name) is not { } k ? literal
            : Render(k) is var value && AsInt(value) is { } i ? i : throw new TaskFailedException($"{k.Span}: {Problem(k, value)}");
        return new TaskKeywords(
            Bool("ignore_errors", task.IgnoresErrors),
            Bool("no_log", task.NoLog),
            Int("retries", task.Retries),
            Int("delay", task.Delay));
    }

    /// <summary>Whether the keyword takes a number (<c>retries</c>, <c>delay</c>) rather than a bool.</summary>
    public static bool IsNumber(KeywordTemplate keyword) => keyword.Keyword is "retries" or "delay";

    /// <summary>Whether a rendered value has the keyword's type.</summary>
    public static bool Fits(KeywordTemplate keyword, object? value) => IsNumber(keyword) ? AsInt(value) is not null : AsBool(value) is not null;

    /// <summary>What is wrong with a rendered value that does not fit: the keyword, the type it takes, the template and what it gave.</summary>
    public static string Problem(KeywordTemplate keyword, object? value) =>
        $"{keyword.Keyword} must be {(IsNumber(keyword) ? "a whole number of at least 0" : "true or false")}, but '{keyword.Text}' gave '{Shown(value)}'";

    /// <summary>Ansible's strict <c>boolean()</c>: a bool, or one of its true/false words or numbers; null for anything else.</summary>
    public static bool? AsBool(object? value) => value switch
    {
        bool b => b,
        long or int or double when Convert.ToDouble(value, CultureInfo.InvariantCulture) is 1 or 0 => Convert.ToDouble(value, CultureInfo.InvariantCulture) == 1,
        string s when True.Contains(s.Trim().ToLowerInvariant()) => true,
        string s when False.Contains(s.Trim().ToLowerInvariant()) => false,
        _ => null,
    };

    /// <summary>Python's <c>int()</c> as Ansible applies it to an <c>int</c> keyword (a whole number, or text that is one), at least 0; null otherwise.</summary>
    public static int? AsInt(object? value)
    {
        long? number = value switch
        {
            long l => l,
            int i => i,
            double d when !double.IsNaN(d) && !double.IsInfinity(d) => (long)Math.Truncate(d),
            string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return number is >= 0 and <= int.MaxValue ? (int)number.Value : null;
    }

    private static string Shown(object? value) => value switch
    {
        null => "None",
        string s => ClippedText.Clip(s),
        _ => ClippedText.Clip(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };
}
