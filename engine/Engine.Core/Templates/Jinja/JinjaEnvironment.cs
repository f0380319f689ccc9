using System.Collections.Concurrent;

namespace Converge.Core.Templates.Jinja;

/// <summary>
/// The library and the parse caches shared by every render: each distinct template text, condition and
/// file is parsed once per run (thread-safe), including the ones that fail, whose error is kept.
/// </summary>
public sealed class JinjaEnvironment(JinjaLibrary library)
{
    // Lazy values: ConcurrentDictionary may run a factory twice under a race, Lazy runs the parse once.
    private readonly ConcurrentDictionary<string, Lazy<Parsed<CompiledTemplate>>> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Parsed<Expr>>> _expressions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, string Text), Lazy<Parsed<CompiledTemplate>>> _files = new();
    private int _parses;

    private sealed record Parsed<T>(T? Value, TemplateSyntaxException? Error)
    {
        public T Get() => Error is null ? Value! : throw new TemplateSyntaxException(Error.Reason, Error.Line, Error.Column);
    }

    public JinjaLibrary Library { get; } = library;

    /// <summary>How many parses this environment has done: one per distinct template, condition and file.</summary>
    public int Parses => Volatile.Read(ref _parses);

    /// <summary>
    /// A template in a string value. Jinja drops one trailing newline and Ansible adds back the ones the
    /// result lacks (preserve_trailing_newlines), so the count is kept with the template.
    /// </summary>
    public CompiledTemplate String(string text) => Once(_strings, text, static (t, library) => Try(() =>
    {
        var escape = t.Contains('\\', StringComparison.Ordinal) && t.Contains("{{", StringComparison.Ordinal);
        var (options, body, skipped) = TemplateHeader.Read(t, JinjaOptions.Ansible with { KeepTrailingNewline = false, EscapeBackslashes = escape });
        var newlines = body.Length - body.TrimEnd('\n').Length;
        var source = !options.KeepTrailingNewline && body.EndsWith('\n') ? body[..^1] : body;
        return new CompiledTemplate(Parser.ParseTemplate(source, options, library, skipped), null, newlines);
    })).Get();

    /// <summary>A bare expression: a condition, or the inside of a <c>{{ }}</c>.</summary>
    public Expr Expression(string text) => Once(_expressions, text, static (t, library) => Try(() => Parser.ParseExpression(t, library))).Get();

    /// <summary>
    /// A template file; its <c>#jinja2:</c> header applies. As for a string, Jinja drops one trailing newline and
    /// Ansible's template action adds back the ones the result lacks, counted on the whole file (header included),
    /// so a template that ends in a block tag or an empty value still ends as Ansible's does.
    /// </summary>
    public CompiledTemplate File(string path, string text) => Once(_files, (Path: path, Text: text), static (key, library) => Try(() =>
    {
        var (options, body, skipped) = TemplateHeader.Read(key.Text, JinjaOptions.Ansible with { KeepTrailingNewline = false });
        var newlines = key.Text.Length - key.Text.TrimEnd('\n').Length;
        var source = !options.KeepTrailingNewline && body.EndsWith('\n') ? body[..^1] : body;
        return new CompiledTemplate(Parser.ParseTemplate(source, options, library, skipped), key.Path, newlines);
    })).Get();

    private Parsed<T> Once<TKey, T>(ConcurrentDictionary<TKey, Lazy<Parsed<T>>> cache, TKey key, Func<TKey, JinjaLibrary, Parsed<T>> parse)
        where TKey : notnull =>
        cache.GetOrAdd(key, k => new Lazy<Parsed<T>>(() =>
        {
            Interlocked.Increment(ref _parses);
            return parse(k, Library);
        })).Value;

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
