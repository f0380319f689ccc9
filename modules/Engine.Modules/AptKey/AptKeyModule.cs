using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.AptKey;

/// <summary>
/// <c>apt_key</c> without apt-key (deprecated, and gone from newer apt): the key is kept as a keyring file apt reads, the
/// binary packets in a <c>.gpg</c> file (armored text in a <c>.asc</c> one), compared by sha256 in the host's batch and
/// written atomically when it differs. The key's fingerprint is computed here (RFC 4880), so <c>id</c> is checked against
/// the key without gpg on the host. Without <c>keyring</c> the file goes to /etc/apt/trusted.gpg.d (named after the key
/// id), which apt trusts for every source, as apt-key's keyring was.
/// </summary>
public sealed class AptKeyModule : Module<AptKeyParams>
{
    public override string Name => "apt_key";

    protected override IValidator<AptKeyParams> ParamsValidator => ParamsValidators.Of<AptKeyParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(AptKeyParams p) =>
    [
        .. p.File is not null || p.Url is not null ? [new KeySourceFact(p.File, p.Url)] : Array.Empty<IFact>(),
        .. p.Keyring is { } keyring ? [new FileFact(keyring)] : p.Id is { } id && p.Data is null && p.File is null && p.Url is null ? [new FileFact(DefaultKeyring(Normalize(id)))] : Array.Empty<IFact>(),
    ];

    public override async Task<Plan> CheckAsync(ModuleContext context, AptKeyParams p, CancellationToken ct)
    {
        var key = await KeyAsync(context, p, ct);
        if (key is not null && p.Id is { } id && !key.Matches(id))
        {
            throw new TaskFailedException($"the key given has fingerprint {key.Fingerprint}, which is not id {id}");
        }

        var keyring = p.Keyring ?? DefaultKeyring(key?.KeyId ?? Normalize(p.Id!));
        var file = await context.Facts.GetAsync(new FileFact(keyring), ct);
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = key?.KeyId ?? p.Id,
            ["fp"] = key?.Fingerprint,
            ["key_id"] = key?.KeyId,
            ["short_id"] = key?.ShortId,
            ["keyring"] = keyring,
            ["before"] = file.Exists ? [key?.KeyId ?? p.Id] : new List<object?>(),
        };
        if (p.State == "absent")
        {
            return file.Exists
                ? Plan.Drift(new Change($"apt key {keyring}", "present", null)) with { Output = output, State = keyring }
                : Plan.InSync($"{keyring} does not exist") with { Output = output };
        }

        var content = Content(key!, keyring);
        var sha = FileContent.FromBytes(content).Sha256;
        return file.Sha256 == sha
            ? Plan.InSync($"{keyring} holds key {key!.KeyId}") with { Output = output }
            : Plan.Drift(new Change($"apt key {keyring}", file.Exists ? "another key" : null, key!.Fingerprint)) with { Output = output, State = keyring };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, AptKeyParams p, Plan plan, CancellationToken ct)
    {
        var keyring = plan.State as string ?? throw new TaskFailedException("apt_key: apply was given a plan this module did not make");
        try
        {
            if (p.State == "absent")
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("rm", "-f", "--", keyring), ct);
            }
            else
            {
                var key = await KeyAsync(context, p, ct) ?? throw new TaskFailedException("apt_key: the key vanished between check and apply");
                await HostCommand.RunAsync(context, CommandSpec.Change("mkdir", "-p", "--", Path.GetDirectoryName(keyring)!), ct);
                await context.Connection.WriteFileAsync(keyring, Content(key, keyring), FileWriteOptions.Default with { Mode = 0b110_100_100 }, ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<FileFact>();
        }

        return new ApplyResult(plan.Reason) { Output = plan.Output };
    }

    private static async Task<OpenPgpKey?> KeyAsync(ModuleContext context, AptKeyParams p, CancellationToken ct)
    {
        byte[]? data = p.Data is { } text ? Encoding.UTF8.GetBytes(text)
            : p.File is not null || p.Url is not null ? await context.Facts.GetAsync(new KeySourceFact(p.File, p.Url), ct)
            : null;
        if (data is null)
        {
            return null;
        }

        return OpenPgpKey.Read(data) ?? throw new TaskFailedException($"the key from {p.File ?? p.Url ?? "data"} is not an OpenPGP public key (armored or binary)");
    }

    /// <summary>A <c>.asc</c> keyring holds the armored text apt also reads; any other name the binary packets.</summary>
    private static byte[] Content(OpenPgpKey key, string keyring) =>
        keyring.EndsWith(".asc", StringComparison.Ordinal) ? Encoding.ASCII.GetBytes(Armor(key.Packets)) : key.Packets;

    private static string Armor(byte[] packets)
    {
        var body = Convert.ToBase64String(packets);
        var lines = Enumerable.Range(0, (body.Length + 63) / 64).Select(i => body.Substring(i * 64, Math.Min(64, body.Length - (i * 64))));
        return $"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n{string.Join("\n", lines)}\n-----END PGP PUBLIC KEY BLOCK-----\n";
    }

    private static string DefaultKeyring(string keyId) => $"/etc/apt/trusted.gpg.d/converge-{keyId}.gpg";

    private static string Normalize(string id) => (id.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? id[2..] : id).ToUpperInvariant() is var hex && hex.Length > 16 ? hex[^16..] : hex;
}
