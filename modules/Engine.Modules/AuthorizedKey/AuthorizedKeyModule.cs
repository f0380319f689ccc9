using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Diffs;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.AuthorizedKey;

/// <summary>
/// <c>authorized_key</c>: keys present in (or absent from) a user's authorized_keys, edited exactly as
/// ansible.posix edits it (<see cref="AuthorizedKeysFile"/>); the file written atomically, 0600, owned by
/// the user, its folder created 0700 with <c>manage_dir</c>. One probe reads the user and the file.
/// </summary>
public sealed class AuthorizedKeyModule : Module<AuthorizedKeyParams>
{
    public override string Name => "authorized_key";

    protected override IValidator<AuthorizedKeyParams> ParamsValidator => ParamsValidators.Of<AuthorizedKeyParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(AuthorizedKeyParams parameters) => [FactOf(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, AuthorizedKeyParams parameters, CancellationToken ct)
    {
        var fact = FactOf(parameters);
        var state = context.Become is null ? await context.Facts.GetAsync(fact, ct) : fact.Parse(await context.Connection.RunAsync(fact.Command, ct));
        if (!state.UserExists)
        {
            throw new TaskFailedException($"authorized_key: user {parameters.User} does not exist");
        }

        var after = AuthorizedKeysFile.Enforce(state.Text, parameters);
        var output = Output(parameters, state);
        if (after is null)
        {
            return Plan.InSync($"{state.File}: the {(parameters.State == "present" ? "keys are present" : "keys are absent")}") with { Output = output };
        }

        var change = new Change($"{state.File}: keys", state.Text is null ? null : "other keys", parameters.State == "present" ? "given keys present" : "given keys absent")
        {
            Diff = UnifiedDiff.Create(state.Text ?? string.Empty, after, "before: " + state.File, "after: " + state.File),
        };
        return Plan.Drift(change) with { State = (state, after), Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, AuthorizedKeyParams parameters, Plan plan, CancellationToken ct)
    {
        if (plan.State is not (AuthorizedKeysState state, string after))
        {
            throw new TaskFailedException("authorized_key: apply was given a plan this module did not make");
        }

        try
        {
            var folder = state.File[..state.File.LastIndexOf('/')];
            if (!state.DirectoryExists)
            {
                if (!parameters.ManageDir)
                {
                    throw new TaskFailedException($"authorized_key: {folder} does not exist (manage_dir is false)");
                }

                await HostCommand.RunAsync(context, CommandSpec.Change("install", "-d", "-m", "0700", "-o", state.Uid, "-g", state.Gid, "--", folder), ct);
            }

            await context.Connection.WriteFileAsync(state.File, Encoding.UTF8.GetBytes(after), new FileWriteOptions { Mode = 0b110_000_000, Owner = state.Uid, Group = state.Gid }, ct);
        }
        finally
        {
            context.Facts.Invalidate<AuthorizedKeysFact>();
        }

        return new ApplyResult($"{state.File}: {plan.Reason}") { Output = plan.Output };
    }

    private static AuthorizedKeysFact FactOf(AuthorizedKeyParams parameters) => new(parameters.User, parameters.Path, parameters.Follow);

    /// <summary>Ansible's return values.</summary>
    private static IReadOnlyDictionary<string, object?> Output(AuthorizedKeyParams parameters, AuthorizedKeysState state) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["user"] = parameters.User,
            ["key"] = parameters.Key,
            ["key_options"] = parameters.KeyOptions,
            ["keyfile"] = state.File,
            ["path"] = parameters.Path,
            ["manage_dir"] = parameters.ManageDir,
            ["state"] = parameters.State,
            ["exclusive"] = parameters.Exclusive,
            ["comment"] = parameters.Comment,
            ["follow"] = parameters.Follow,
            ["validate_certs"] = parameters.ValidateCerts,
        };
}
