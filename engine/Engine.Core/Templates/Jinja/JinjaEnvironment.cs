using System.Collections.Concurrent;

namespace Converge.Core.Templates.Jinja;

/// <summary>
/// The library and the parse caches shared by every render: each distinct template text, condition and
/// file is parsed once per run (thread-safe), including the ones that fail, whose error is kept.
/// </summary>
public sealed class JinjaEnvironment(JinjaLibrary library)
{
    private readonly ConcurrentDictionary<string, Parsed<CompiledTemplate>> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Parsed<Expr>> _expressions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, string Text), Parsed<CompiledTemplate>> _files = new();

    private sealed record Parsed<T>(T? Value, TemplateSyntaxException? Error)
    {
        public T Get() => Error is null ? Value! : throw new TemplateSyntaxException(Error.Reason, Error.Line, Error.Column);
    }

    public JinjaLibrary Library { get; } = library;

    /// <summary>
    /// A template in a string value. Jinja drops one trailing newline and Ansible adds back the ones the
    /// result lacks (preserve_trailing_newlines), so the count is kept with the template.
    /// </summary>
    public CompiledTemplate String(string text) => _strings.GetOrAdd(text, static (t, library) => Try(() =>
    {
        var (options, body, skipped) = TemplateHeader.Read(t, JinjaOptions.Ansible with { KeepTrailingNewline = false });
        var newlines = body.Length - body.TrimEnd('\n').Length;
        var source = !options.KeepTrailingNewline && body.EndsWith('\n') ? body[..^1] : body;
        return new CompiledTemplate(Parser.ParseTemplate(source, options, library, skipped), null, newlines);
    }), Library).Get();

    /// <summary>A bare expression: a condition, or the inside of a <c>{{ }}</c>.</summary>
    public Expr Expression(string text) => _expressions.GetOrAdd(text, static (t, library) => Try(() => Parser.ParseExpression(t, library)), Library).Get();

    /// <summary>
    /// A template file; its <c>#jinja2:</c> header applies. As for a string, Jinja drops one trailing newline and
    /// Ansible's template action adds back the ones the result lacks, counted on the whole file (header included),
    /// so a template that ends in a block tag or an empty value still ends as Ansible's does.
    /// </summary>
    public CompiledTemplate File(string path, string text) => _files.GetOrAdd((path, text), static (key, library) => Try(() =>
    {
        var (options, body, skipped) = TemplateHeader.Read(key.Text, JinjaOptions.Ansible with { KeepTrailingNewline = false });
        var newlines = key.Text.Length - key.Text.TrimEnd('\n').Length;
        var source = !options.KeepTrailingNewline && body.EndsWith('\n') ? body[..^1] : body;
        return new CompiledTemplate(Parser.ParseTemplate(source, options, library, skipped), key.Path, newlines);
    }), Library).Get();

    private static Parsed<T> Try<T>(Func<T> parse)
    {
        try
        {
            return new Parsed<T>(parse(), null);
        }
        catch (TemplateSyntaxException e)
        {
            return new Parsed<T>(default, e);
        }
    }
}
