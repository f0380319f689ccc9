namespace Converge.Core.Modules;

/// <summary>What an apply did. A failure is a thrown <c>TaskFailedException</c>, not a result.</summary>
public sealed record ApplyResult(string Message)
{
    /// <summary>Values for <c>register:</c>, e.g. <c>rc</c>, <c>stdout</c>, <c>stderr</c>.</summary>
    public IReadOnlyDictionary<string, object?> Output { get; init; } = Plan.EmptyOutput;

    public static ApplyResult Done(string message) => new(message);
}
