using System.Security.Cryptography;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Fetch;

/// <summary>
/// <c>fetch</c>: a host file copied to the controller, laid out as Ansible's (<c>DEST/HOST/SRC</c>, or <c>dest</c> with
/// <c>flat</c>). The host side is the batched <see cref="FileFact"/> (its sha256), the controller side is hashed
/// locally; equal hashes are in sync. The copy is downloaded beside the destination, checked against the host's
/// sha256 (<c>validate_checksum</c>), then renamed into place, so a failed copy never replaces a good one.
/// </summary>
public sealed class FetchModule : Module<FetchParams>
{
    public override string Name => "fetch";

    protected override IValidator<FetchParams> ParamsValidator => ParamsValidators.Of<FetchParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(FetchParams parameters) => [new FileFact(parameters.Src, follow: true)];

    public override async Task<Plan> CheckAsync(ModuleContext context, FetchParams parameters, CancellationToken ct)
    {
        var snapshot = await context.Facts.GetAsync(new FileFact(parameters.Src, follow: true), ct);
        var dest = Destination(context, parameters);
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["file"] = parameters.Src, ["dest"] = dest };
        if (!snapshot.Exists)
        {
            return parameters.FailOnMissing
                ? throw new TaskFailedException($"the remote file does not exist: {parameters.Src} on {context.Host}")
                : Plan.InSync("the remote file does not exist, not transferring, ignored") with { Output = output };
        }

        if (snapshot.Stat?.Kind == FileKind.Directory || snapshot.PointsToDirectory)
        {
            throw new TaskFailedException($"remote file is a directory, fetch cannot work on directories: {parameters.Src}");
        }

        if (snapshot.Sha256 is null)
        {
            throw new TaskFailedException($"{parameters.Src} is not readable by the connection's user (use become)");
        }

        var local = File.Exists(dest) ? await Sha256Async(dest, ct) : null;
        return local == snapshot.Sha256
            ? Plan.InSync($"{dest} has the content of {parameters.Src}") with { Output = output }
            : Plan.Drift(new Change($"{dest}: content", local is null ? null : "sha256:" + local[..12], "sha256:" + snapshot.Sha256[..12]), $"will copy {parameters.Src} to {dest}") with
            {
                State = snapshot.Sha256,
                Output = output,
            };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, FetchParams parameters, Plan plan, CancellationToken ct)
    {
        var dest = Destination(context, parameters);
        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
        var temporary = dest + ".converge-fetch-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await context.Connection.DownloadAsync(parameters.Src, temporary, null, ct);
            var copied = await Sha256Async(temporary, ct);
            if (parameters.ValidateChecksum && plan.State is string expected && copied != expected)
            {
                throw new TaskFailedException($"checksum mismatch: {parameters.Src} changed while it was fetched (sha256 {expected[..12]} on the host, {copied[..12]} copied)");
            }

            File.Move(temporary, dest, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new ApplyResult($"fetched {parameters.Src} to {dest}")
        {
            Output = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["file"] = parameters.Src,
                ["dest"] = dest,
                ["checksum"] = await Sha1Async(dest, ct),
                ["remote_checksum"] = await Sha1Async(dest, ct),
            },
        };
    }

    /// <summary>Ansible's layout: relative to the playbook's folder; <c>DEST/HOST/SRC</c>, or with <c>flat</c> the file itself (a trailing <c>/</c> adds the base name).</summary>
    public static string Destination(ModuleContext context, FetchParams parameters)
    {
        var dest = parameters.Dest.StartsWith('~') ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + parameters.Dest[1..] : parameters.Dest;
        if (parameters.Flat)
        {
            if (dest.EndsWith('/'))
            {
                dest += Path.GetFileName(parameters.Src);
            }

            return Path.GetFullPath(Path.Combine(context.PlaybookDirectory, dest));
        }

        return Path.GetFullPath(Path.Combine(context.PlaybookDirectory, dest)).TrimEnd('/') + "/" + context.Host + parameters.Src;
    }

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>Ansible registers sha1 checksums; sha1 here only names content for compatibility, it protects nothing.</summary>
    private static async Task<string> Sha1Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
#pragma warning disable CA5350
        return Convert.ToHexStringLower(await SHA1.HashDataAsync(stream, ct));
#pragma warning restore CA5350
    }
}
