using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Fail;

/// <summary>
/// <c>fail</c>: the check fails the task with <c>msg</c> (usually behind a <c>when:</c>), in check mode as in
/// apply, as Ansible does. It never changes anything.
/// </summary>
public sealed class FailModule : Module<FailParams>
{
    public override string Name => "fail";

    protected override IValidator<FailParams> ParamsValidator => ParamsValidators.Of<FailParamsValidator>();

    public override Task<Plan> CheckAsync(ModuleContext context, FailParams parameters, CancellationToken ct) =>
        throw new TaskFailedException(parameters.Msg)
        {
            Output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["msg"] = parameters.Msg },
        };

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, FailParams parameters, Plan plan, CancellationToken ct) =>
        throw new InvalidOperationException("fail never plans a change, so it is never applied");
}
