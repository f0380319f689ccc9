using Converge.Core.Modules;

namespace Converge.Core.Tests.Support;

internal sealed record TestParams
{
    [FreeForm]
    [ParamAlias("dest", "name")]
    public required string Path { get; init; }

    public bool Drift { get; init; }

    public int Count { get; init; }

    public TestMode Mode { get; init; }

    public IReadOnlyList<string> Items { get; init; } = [];

    public object? Extra { get; init; }
}
