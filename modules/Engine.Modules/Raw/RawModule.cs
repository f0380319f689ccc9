using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Raw;

/// <summary>
/// <c>raw</c>: a command line run by the host's shell (nothing but a POSIX shell is needed on the host).
/// Always "will run" (Ansible cannot predict it either) and never a probe, so never batched.
/// </summary>
public sealed class RawModule : GuardedCommandModule<RawParams>
{
    public override string Name => "raw";

    protected override IValidator<RawParams> ParamsValidator => ParamsValidators.Of<RawParamsValidator>();

    protected override CommandSpec Build(RawParams parameters) =>
        parameters.Executable is { } shell ? CommandSpec.Change(shell, "-c", parameters.Cmd) : CommandSpec.Shell(parameters.Cmd, CommandKind.Change);
}
