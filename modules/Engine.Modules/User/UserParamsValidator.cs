using System.Text.RegularExpressions;
using Converge.Modules.Accounts;
using FluentValidation;

namespace Converge.Modules.User;

public sealed class UserParamsValidator : AbstractValidator<UserParams>
{
    private static readonly string[] KeyTypes = ["rsa", "ecdsa", "ed25519", "dsa"];

    public UserParamsValidator()
    {
        RuleFor(p => p.Name).Matches(AccountNames.Pattern).WithMessage(p => $"'{p.Name}' is not a valid user name (letters, digits, '_', '.', '-'; at most 32)");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Uid).InclusiveBetween(0, 4294967294).When(p => p.Uid is not null).WithMessage(p => $"uid must be 0 to 4294967294, not {p.Uid}");
        RuleForEach(p => p.Groups).Must(g => UserState.Split([g]).All(n => Regex.IsMatch(n, AccountNames.Pattern))).WithMessage((_, g) => $"'{g}' is not a group name (or a comma-separated list of them)");
        RuleFor(p => p.UpdatePassword).Must(u => u is "always" or "on_create").WithMessage(p => $"update_password must be always or on_create, not '{p.UpdatePassword}'");
        RuleFor(p => p.Password).Must(p => p!.Reveal().Length > 0 && !p.Reveal().Contains(':', StringComparison.Ordinal) && !p.Reveal().Contains('\n', StringComparison.Ordinal))
            .When(p => p.Password is not null)
            .WithMessage("password must be a crypt(3) hash such as \"{{ 'secret' | password_hash('sha512') }}\" (no ':' or newline)");
        RuleFor(p => p.Shell).Must(s => s!.StartsWith('/')).When(p => p.Shell is not null).WithMessage(p => $"shell must be an absolute path, not '{p.Shell}'");
        RuleFor(p => p.Home).Must(s => s!.StartsWith('/')).When(p => p.Home is not null).WithMessage(p => $"home must be an absolute path, not '{p.Home}'");
        RuleFor(p => p.Comment).Must(c => !c!.Contains(':', StringComparison.Ordinal) && !c.Contains('\n', StringComparison.Ordinal))
            .When(p => p.Comment is not null).WithMessage("comment must not contain ':' or a newline");
        RuleFor(p => p.SshKeyType).Must(KeyTypes.Contains).WithMessage(p => $"ssh_key_type must be one of {string.Join(", ", KeyTypes)}, not '{p.SshKeyType}'");
        RuleFor(p => p.SshKeyBits).GreaterThanOrEqualTo(0).WithMessage("ssh_key_bits must be 0 (the type's default) or more");
        RuleFor(p => p.SshKeyFile).NotEmpty().WithMessage("ssh_key_file must not be empty");
        RuleFor(p => p).Must(p => p.State == "present" || (p.Uid is null && p.Group is null && p.Groups is null && p.Shell is null && p.Password is null && !p.GenerateSshKey))
            .WithMessage("state absent removes the user: uid, group, groups, shell, password and generate_ssh_key only apply with state present");
    }
}
