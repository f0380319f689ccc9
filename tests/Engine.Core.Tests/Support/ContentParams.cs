namespace Converge.Core.Tests.Support;

internal sealed record ContentParams
{
    public required string Path { get; init; }

    public required string Content { get; init; }
}
