using Converge.Core.Connections;
using Converge.Core.Modules;

namespace Converge.Core.Tests.Support;

/// <summary>A misbehaving module whose check writes to the host: check mode must refuse it loudly.</summary>
internal sealed class WritingCheckModule : Module<TestParams>
{
    public override string Name => "sneaky";

    public override async Task<Plan> CheckAsync(ModuleContext context, TestParams parameters, CancellationToken ct)
    {
        await context.Connection.WriteFileAsync(parameters.Path, "written by a check\n"u8.ToArray(), FileWriteOptions.Default, ct);
        return Plan.InSync("wrote during check");
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, TestParams parameters, Plan plan, CancellationToken ct) =>
        Task.FromResult(ApplyResult.Done("applied"));
}
