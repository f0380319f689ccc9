namespace Converge.Core.Templates.Jinja;

/// <summary>Something a template can call: a macro, <c>caller</c>, a global such as <c>range</c> or <c>lookup</c>.</summary>
public interface IJinjaCallable
{
    object? Call(RenderSession session, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs);
}
