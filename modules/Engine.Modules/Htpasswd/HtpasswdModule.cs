using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Htpasswd;

/// <summary>
/// <c>htpasswd</c> (community.general): a user's line in an Apache password file. The file's lines are read in the
/// host's batch; the password is checked against the user's hash on the controller (as passlib's check_password does),
/// so a user whose hash already matches is in sync; otherwise a new salted hash is made on the controller and only the
/// hash is written. The password never leaves the controller and no diff is shown (the lines are hashes of a secret).
/// </summary>
public sealed class HtpasswdModule : Module<HtpasswdParams>
{
    public override string Name => "htpasswd";

    protected override IValidator<HtpasswdParams> ParamsValidator => ParamsValidators.Of<HtpasswdParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(HtpasswdParams parameters) => [new FileTextFact(parameters.Path), new FileFact(parameters.Path, hash: false)];

    public override async Task<Plan> CheckAsync(ModuleContext context, HtpasswdParams parameters, CancellationToken ct)
    {
        var text = await HostText.ReadAsync(context, parameters.Path, Name, ct);
        var subject = $"{parameters.Path}: user {parameters.Name}";
        var changes = new List<Change>();
        var lines = HtpasswdFile.Lines(text);
        var at = HtpasswdFile.IndexOf(lines, parameters.Name);
        if (parameters.State == "absent")
        {
            return at < 0
                ? Plan.InSync($"{parameters.Name} not present")
                : Plan.Drift(new Change(subject, "present", "absent"), $"Remove {parameters.Name}") with { State = HtpasswdFile.Without(lines, at) };
        }

        if (text is null && !parameters.Create)
        {
            throw new TaskFailedException($"Destination {parameters.Path} does not exist");
        }

        var password = parameters.Password!.Reveal();
        string? content = null;
        if (at < 0 || !HtpasswdFile.Verifies(lines[at], password))
        {
            changes.Add(new Change(subject, at < 0 ? "absent" : "another password", "present"));
            var hash = Md5Crypt.Hash(password, Md5Crypt.NewSalt(), parameters.HashScheme == "md5_crypt" ? "$1$" : "$apr1$");
            content = HtpasswdFile.With(lines, at, $"{parameters.Name}:{hash}");
        }

        var stat = (await context.Facts.GetAsync(new FileFact(parameters.Path, hash: false), ct)).Stat;
        if (stat is not null)
        {
            if (parameters.Mode is { } mode && FileModes.Format(FileModes.Resolve(mode, stat.Mode, isDirectory: false)) is var want && want != stat.ModeOctal)
            {
                changes.Add(new Change($"{parameters.Path}: mode", stat.ModeOctal, want));
            }

            if (parameters.Owner is { } owner && owner != stat.Owner)
            {
                changes.Add(new Change($"{parameters.Path}: owner", stat.Owner, owner));
            }

            if (parameters.Group is { } group && group != stat.Group)
            {
                changes.Add(new Change($"{parameters.Path}: group", stat.Group, group));
            }
        }

        return changes.Count == 0
            ? Plan.InSync($"{parameters.Name} already present")
            : Plan.Drift(changes, text is null ? $"Create {parameters.Path}" : null) with { State = content ?? text };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, HtpasswdParams parameters, Plan plan, CancellationToken ct)
    {
        var content = plan.State as string ?? throw new TaskFailedException("htpasswd: apply was given a plan this module did not make");
        var mode = parameters.Mode is { } spec ? FileModes.Resolve(spec, 0b110_100_100, isDirectory: false) : (int?)null;
        var parent = Path.GetDirectoryName(parameters.Path)!;
        await HostCommand.RunAsync(context, CommandSpec.Change("mkdir", "-p", "--", parent), ct);
        await context.Connection.WriteFileAsync(parameters.Path, Encoding.UTF8.GetBytes(content), FileWriteOptions.Default with { Mode = mode, Owner = parameters.Owner, Group = parameters.Group }, ct);
        context.Facts.Invalidate<FileFact>();
        context.Facts.Invalidate<FileTextFact>();
        return ApplyResult.Done($"htpasswd {parameters.Path}: {plan.Reason}");
    }
}
