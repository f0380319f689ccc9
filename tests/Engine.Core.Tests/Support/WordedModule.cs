using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Core.Tests.Support;

/// <summary>
/// A module double whose validator says whatever the test chooses when <c>count</c> is over 9, so a test can
/// reword a diagnostic and see that nothing but the sentence changes.
/// </summary>
internal sealed class WordedModule(string wording) : Module<TestParams>
{
    public override string Name => "worded";

    protected override IValidator<TestParams> ParamsValidator { get; } = new WordedValidator(wording);

    public override Task<Plan> CheckAsync(ModuleContext context, TestParams parameters, CancellationToken ct) =>
        Task.FromResult(Plan.InSync("fine"));

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, TestParams parameters, Plan plan, CancellationToken ct) =>
        Task.FromResult(ApplyResult.Done("applied"));
}
