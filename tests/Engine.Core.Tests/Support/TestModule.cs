using Converge.Core.Modules;

namespace Converge.Core.Tests.Support;

/// <summary>A minimal module for pure engine tests: its check reports drift when <c>drift</c> is true.</summary>
internal sealed class TestModule(string name = "probe") : Module<TestParams>
{
    public override string Name => name;

    public override Task<Plan> CheckAsync(ModuleContext context, TestParams parameters, CancellationToken ct) =>
        Task.FromResult(parameters.Drift ? Plan.Drift(new Change(parameters.Path, "old", "new")) : Plan.InSync($"{parameters.Path} is fine"));

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, TestParams parameters, Plan plan, CancellationToken ct) =>
        Task.FromResult(ApplyResult.Done("applied"));
}
