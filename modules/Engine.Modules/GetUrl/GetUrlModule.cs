using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using Converge.Modules.Http;
using Converge.Modules.Stat;
using FluentValidation;

namespace Converge.Modules.GetUrl;

/// <summary>
/// <c>get_url</c>: the host downloads a URL into a file with curl (the request on curl's standard input, so
/// credentials never reach a command line). Idempotent as Ansible's: a file with the given <c>checksum</c> is in
/// sync; without one an existing file is kept (<c>force: no</c>), or, with <c>force: yes</c>, compared by sha256 with
/// what the URL serves now (a read-only probe that streams the body into sha256sum). Mode, owner and group are
/// compared and set like <c>file</c>'s.
/// </summary>
public sealed class GetUrlModule : WorkModule<GetUrlParams, GetUrlWork>
{
    public override string Name => "get_url";

    protected override IValidator<GetUrlParams> ParamsValidator => ParamsValidators.Of<GetUrlParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(GetUrlParams parameters) =>
        GetUrlChecksum.Parse(parameters.Checksum ?? string.Empty) is { Algorithm: not "sha256" } sum
            ? [new FileFact(parameters.Dest), new StatFact(parameters.Dest, true, sum.Algorithm, false)]
            : [new FileFact(parameters.Dest)];

    public override async Task<Plan> CheckAsync(ModuleContext context, GetUrlParams parameters, CancellationToken ct)
    {
        var dest = parameters.Dest;
        var snapshot = await context.Facts.GetAsync(new FileFact(dest), ct);
        if (snapshot.Stat?.Kind == FileKind.Directory)
        {
            var name = new System.Uri(parameters.Url).Segments.LastOrDefault()?.Trim('/');
            dest = dest.TrimEnd('/') + "/" + (string.IsNullOrEmpty(name) ? "index.html" : System.Uri.UnescapeDataString(name));
            snapshot = await context.Facts.GetAsync(new FileFact(dest), ct);
        }

        if (!snapshot.Exists && snapshot.ParentMissing)
        {
            throw new TaskFailedException($"Destination {Path.GetDirectoryName(dest)} does not exist; create the directory first (file with state: directory)");
        }

        var changes = new List<Change>();
        var checksum = GetUrlChecksum.Parse(parameters.Checksum ?? string.Empty);
        string reason;
        if (!snapshot.Exists)
        {
            changes.Add(new Change($"{dest}: content", null, parameters.Url));
            reason = $"{dest} is missing";
        }
        else if (checksum is not null)
        {
            var current = checksum.Algorithm == "sha256" ? snapshot.Sha256 : (await context.Facts.GetAsync(new StatFact(dest, true, checksum.Algorithm, false), ct)).GetValueOrDefault("checksum") as string;
            if (current != checksum.Hex)
            {
                changes.Add(new Change($"{dest}: {checksum.Algorithm}", current, checksum.Hex));
            }

            reason = $"{dest} has {checksum.Algorithm} {checksum.Hex[..Math.Min(12, checksum.Hex.Length)]}";
        }
        else if (parameters.Force)
        {
            var probe = CommandSpec.Probe("/bin/sh", "-c", GetUrlScripts.RemoteSum, "converge-get_url") with { StandardInput = Request(parameters).Render() };
            var result = await context.Connection.RunAsync(probe, ct);
            if (!result.Succeeded)
            {
                throw new TaskFailedException($"cannot read {parameters.Url}: {result.StderrTail(2)}", probe.CommandLine, result.ExitCode, result.StderrTail());
            }

            var remote = result.Stdout.Trim();
            if (remote != snapshot.Sha256)
            {
                changes.Add(new Change($"{dest}: content", "sha256:" + snapshot.Sha256?[..12], "sha256:" + remote[..Math.Min(12, remote.Length)]));
            }

            reason = $"{dest} is what {parameters.Url} serves";
        }
        else
        {
            reason = "file already exists";
        }

        changes.AddRange(Attributes(parameters, snapshot, dest));
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["dest"] = dest, ["url"] = parameters.Url, ["msg"] = reason };
        return changes.Count == 0
            ? Plan.InSync(reason) with { Output = output }
            : Plan.Drift(changes) with { State = new GetUrlWork(dest, changes.Any(c => !c.Path.EndsWith(": mode", StringComparison.Ordinal) && !c.Path.EndsWith(": owner", StringComparison.Ordinal) && !c.Path.EndsWith(": group", StringComparison.Ordinal))), Output = output };
    }

    protected override async Task<ApplyResult> ApplyAsync(ModuleContext context, GetUrlParams parameters, Plan plan, GetUrlWork work, CancellationToken ct)
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["dest"] = work.Dest, ["url"] = parameters.Url };
        var message = $"updated {work.Dest} ({string.Join(", ", plan.Changes.Select(c => c.Path[(work.Dest.Length + 2)..]))})";
        if (work.Download)
        {
            var checksum = GetUrlChecksum.Parse(parameters.Checksum ?? string.Empty);
            var command = CommandSpec.Change("/bin/sh", "-c", GetUrlScripts.Download, "converge-get_url", work.Dest, checksum?.Algorithm ?? string.Empty, checksum?.Hex ?? string.Empty, parameters.Backup ? "1" : "0")
                with { StandardInput = Request(parameters).Render() };
            var result = await context.Connection.RunAsync(command, ct);
            if (!result.Succeeded)
            {
                throw new TaskFailedException($"get_url {parameters.Url} failed: {result.StderrTail(2)}", command.CommandLine, result.ExitCode, result.StderrTail());
            }

            var fields = result.Stdout.Trim().Split(' ');
            output["status_code"] = int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
            output["checksum_src"] = fields[1];
            output["checksum_dest"] = fields.ElementAtOrDefault(3) is { } old and not "-" ? old : null;
            output["size"] = long.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
            output["msg"] = $"OK ({fields[2]} bytes)";
            message = $"downloaded {parameters.Url} to {work.Dest} ({fields[2]} bytes)";
        }

        if (parameters.Mode is not null)
        {
            var current = (await context.Connection.StatAsync(work.Dest, null, ct))?.Mode ?? FileModes.DefaultFile;
            await HostCommand.RunAsync(context, CommandSpec.Change("chmod", FileModes.Format(FileModes.Resolve(parameters.Mode, current, false)), "--", work.Dest), ct);
        }

        if (parameters.Owner is not null || parameters.Group is not null)
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chown", parameters.Owner + (parameters.Group is null ? string.Empty : ":" + parameters.Group), "--", work.Dest), ct);
        }

        return new ApplyResult(message) { Output = output };
    }

    private static CurlConfig Request(GetUrlParams parameters) => new(parameters.Url)
    {
        Headers = parameters.Headers,
        Username = parameters.UrlUsername,
        Password = parameters.UrlPassword,
        TimeoutSeconds = parameters.Timeout,
        ValidateCerts = parameters.ValidateCerts,
    };

    private static IEnumerable<Change> Attributes(GetUrlParams parameters, FileSnapshot snapshot, string dest)
    {
        var stat = snapshot.Stat;
        if (parameters.Mode is { } mode)
        {
            var wanted = FileModes.Format(FileModes.Resolve(mode, stat?.Mode ?? FileModes.DefaultFile, false));
            if (stat?.ModeOctal != wanted)
            {
                yield return new Change($"{dest}: mode", stat?.ModeOctal, wanted);
            }
        }

        if (parameters.Owner is { } owner && owner != stat?.Owner && owner != snapshot.Uid)
        {
            yield return new Change($"{dest}: owner", stat?.Owner, owner);
        }

        if (parameters.Group is { } group && group != stat?.Group && group != snapshot.Gid)
        {
            yield return new Change($"{dest}: group", stat?.Group, group);
        }
    }
}
