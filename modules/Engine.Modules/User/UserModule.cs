using System.Globalization;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Accounts;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.User;

/// <summary>
/// <c>user</c>: a local account present with the given properties, or absent, through the shadow tools
/// (useradd, usermod, userdel, chpasswd). One probe reads passwd, the shadow hash's digest and the groups;
/// each differing property is a change with before and after (the password shown only as [REDACTED]).
/// </summary>
public sealed class UserModule(AccountLayout layout) : Module<UserParams>
{
    private const string KeygenScript =
        """
        f=$1 type=$2 bits=$3 comment=$4 owner=$5
        d=$(dirname "$f")
        [ -d "$d" ] || { mkdir -p "$d" && chmod 700 "$d" && chown "$owner" "$d"; } || exit 1
        [ -e "$f" ] && exit 0
        set -- -q -t "$type" -f "$f" -N '' -C "$comment"
        [ "$bits" = 0 ] || set -- "$@" -b "$bits"
        ssh-keygen "$@" </dev/null && chown "$owner" "$f" "$f.pub"
        """;

    public UserModule()
        : this(AccountLayout.Default)
    {
    }

    public override string Name => "user";

    protected override IValidator<UserParams> ParamsValidator => ParamsValidators.Of<UserParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(UserParams parameters) => [FactOf(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, UserParams parameters, CancellationToken ct)
    {
        var entries = await ReadAsync(context, parameters, ct);
        if (parameters.Password is not null && !entries.ShadowReadable)
        {
            throw new TaskFailedException($"user {parameters.Name}: cannot read /etc/shadow to compare the password; run the task with become: true");
        }

        var actual = UserState.Actual(parameters.Name, entries);
        var desired = UserState.Desired(parameters, entries);
        var changes = StateComparison.Changes($"user {parameters.Name}", UserState.Properties, actual, desired);
        var output = Output(parameters, entries);
        if (changes.Count == 0)
        {
            return Plan.InSync(actual.State == "absent" ? $"user {parameters.Name} does not exist" : $"user {parameters.Name} is as desired") with { Output = output };
        }

        var missingGroup = desired.Group is { } g && entries.Group(g) is null && !g.All(char.IsAsciiDigit) ? g : null;
        var differing = UserState.Properties.Where(p => changes.Any(c => c.Path.EndsWith(": " + p.Name, StringComparison.Ordinal))).Select(p => p.Name).ToList();
        return Plan.Drift(changes, missingGroup is null ? null : $"group {missingGroup} does not exist; assuming an earlier task creates it") with
        {
            State = new StateDifference<UserState>(actual, desired, differing),
            Assumed = missingGroup is not null,
            Output = output,
        };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, UserParams parameters, Plan plan, CancellationToken ct)
    {
        if (plan.State is not StateDifference<UserState> difference)
        {
            throw new TaskFailedException("user: apply was given a plan this module did not make");
        }

        try
        {
            var entries = await ReadAsync(context, parameters, ct);
            if (difference.Desired.State == "absent")
            {
                await HostCommand.RunAsync(context, UserCommands.Delete(parameters, layout), ct);
                return ApplyResult.Done($"user {parameters.Name} removed") with { Output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = parameters.Name, ["state"] = "absent", ["force"] = parameters.Force, ["remove"] = parameters.Remove } };
            }

            if (difference.Actual.State == "absent")
            {
                await HostCommand.RunAsync(context, UserCommands.Create(parameters, difference.Desired, entries, layout), ct);
            }
            else if (UserCommands.Modify(parameters, difference, layout) is { } modify)
            {
                await HostCommand.RunAsync(context, modify, ct);
            }

            if (difference.Differs("password"))
            {
                await HostCommand.RunAsync(context, UserCommands.Password(parameters, layout), ct);
            }

            if (difference.Differs("password_lock") || (difference.Actual.State == "absent" && parameters.PasswordLock is true))
            {
                await HostCommand.RunAsync(context, UserCommands.Lock(parameters, parameters.PasswordLock is true, layout), ct);
            }

            context.Facts.Invalidate<AccountFact>();
            entries = await ReadAsync(context, parameters, ct);
            if (difference.Differs("ssh_key"))
            {
                await GenerateKeyAsync(context, parameters, entries, ct);
                context.Facts.Invalidate<AccountFact>();
                entries = await ReadAsync(context, parameters, ct);
            }

            return ApplyResult.Done($"user {parameters.Name}: {plan.Reason}") with { Output = Output(parameters, entries) };
        }
        finally
        {
            context.Facts.Invalidate<AccountFact>();
        }
    }

    private async Task GenerateKeyAsync(ModuleContext context, UserParams parameters, AccountEntries entries, CancellationToken ct)
    {
        var file = layout.PathOf(parameters.SshKeyFile.StartsWith('/') ? parameters.SshKeyFile : $"{entries.Home}/{parameters.SshKeyFile}");
        var comment = parameters.SshKeyComment ?? $"converge-generated on {context.Host}";
        var command = CommandSpec.Change("/bin/sh", "-c", KeygenScript, "converge-user-keygen", file, parameters.SshKeyType, parameters.SshKeyBits.ToString(CultureInfo.InvariantCulture), comment, $"{entries.Uid}:{entries.Gid}");
        await HostCommand.RunAsync(context, command, ct);
    }

    /// <summary>The account databases, read as the task's user: through the batch as the login user, else through become.</summary>
    private async Task<AccountEntries> ReadAsync(ModuleContext context, UserParams parameters, CancellationToken ct)
    {
        var fact = FactOf(parameters);
        if (context.Become is null)
        {
            return await context.Facts.GetAsync(fact, ct);
        }

        return fact.Parse(await context.Connection.RunAsync(fact.Command, ct));
    }

    private AccountFact FactOf(UserParams parameters) => new(parameters.Name, layout, parameters.GenerateSshKey ? parameters.SshKeyFile : null);

    /// <summary>Ansible's return values for a present user.</summary>
    private static IReadOnlyDictionary<string, object?> Output(UserParams parameters, AccountEntries entries)
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = parameters.Name,
            ["state"] = parameters.State,
        };
        if (entries.UserExists)
        {
            output["uid"] = long.Parse(entries.Uid!, CultureInfo.InvariantCulture);
            output["group"] = long.Parse(entries.Gid!, CultureInfo.InvariantCulture);
            output["groups"] = string.Join(',', entries.MemberOf(parameters.Name));
            output["home"] = entries.Home;
            output["shell"] = entries.Shell;
            output["comment"] = entries.Comment;
            output["system"] = parameters.System;
            output["create_home"] = parameters.CreateHome;
            output["append"] = parameters.Append;
            output["move_home"] = parameters.MoveHome;
        }

        if (parameters.Password is not null)
        {
            output["password"] = "NOT_LOGGING_PASSWORD";
        }

        if (parameters.GenerateSshKey)
        {
            output["ssh_key_file"] = parameters.SshKeyFile.StartsWith('/') ? parameters.SshKeyFile : $"{entries.Home}/{parameters.SshKeyFile}";
            output["ssh_public_key"] = entries.PublicKey;
        }

        return output;
    }
}
