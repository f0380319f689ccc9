using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.TempFile;

/// <summary>
/// <c>tempfile</c>: creates a new temporary file or directory with mktemp(1) (mode 0600 / 0700, as Python's
/// mkstemp/mkdtemp that Ansible uses) and registers its <c>path</c>. Every run makes a new one, so it is always a
/// change, as in Ansible; in check mode nothing is created and <c>path</c> is not registered.
/// </summary>
public sealed class TempFileModule : Module<TempFileParams>
{
    private const string Script =
        """
        dir=${1:-${TMPDIR:-/tmp}}
        if [ "$2" = directory ]; then d=-d; else d=; fi
        exec mktemp $d -p "$dir" -- "$3XXXXXXXX$4"
        """;

    public override string Name => "tempfile";

    protected override IValidator<TempFileParams> ParamsValidator => ParamsValidators.Of<TempFileParamsValidator>();

    public override Task<Plan> CheckAsync(ModuleContext context, TempFileParams parameters, CancellationToken ct) =>
        Task.FromResult(Plan.Drift(
            new Change($"temporary {parameters.State}", null, $"{parameters.Path ?? "$TMPDIR"}/{parameters.Prefix}XXXXXXXX{parameters.Suffix}"),
            $"will create a temporary {parameters.State}"));

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, TempFileParams parameters, Plan plan, CancellationToken ct)
    {
        var command = CommandSpec.Change("/bin/sh", "-c", Script, "converge-tempfile", parameters.Path ?? string.Empty, parameters.State, parameters.Prefix, parameters.Suffix);
        var path = (await HostCommand.RunAsync(context, command, ct)).Stdout.Trim();
        return new ApplyResult($"created {path}")
        {
            Output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = path, ["state"] = parameters.State == "file" ? "file" : "directory" },
        };
    }
}
