using System.Security.Cryptography;
using System.Text;
using Converge.Core.Connections;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Deb822Repository;

/// <summary>
/// <c>deb822_repository</c>: the <c>.sources</c> file (<see cref="Deb822SourcesFile"/>), and as Ansible's module does for a
/// <c>signed_by</c> URL, the key the host downloads, kept in <c>/etc/apt/keyrings/SLUG.asc</c> (armoured) or <c>.gpg</c>
/// with mode 0644 and named by <c>Signed-By</c>; <c>state: absent</c> removes both. Like Ansible's, it does not update
/// the cache: follow it with <c>apt: update_cache: true</c>.
/// </summary>
public sealed class Deb822RepositoryModule(string root) : Module<Deb822RepositoryParams>
{
    private readonly Deb822SourcesFile _sources = new(root);

    public Deb822RepositoryModule()
        : this(string.Empty)
    {
    }

    public override string Name => "deb822_repository";

    protected override IValidator<Deb822RepositoryParams> ParamsValidator => ParamsValidators.Of<Deb822RepositoryParamsValidator>();

    public static bool IsUrl(string? signedBy) => signedBy is not null && signedBy.Contains("://", StringComparison.Ordinal) && !signedBy.Contains('\n', StringComparison.Ordinal);

    public override IReadOnlyList<IFact> FactsOf(Deb822RepositoryParams parameters) =>
    [
        .. _sources.FactsOf(parameters),
        .. Keyrings(parameters).Select(k => new FileFact(k)),
        .. IsUrl(parameters.SignedBy) && parameters.State != "absent" ? [new SignedByKeyFact(parameters.SignedBy!)] : Array.Empty<IFact>(),
    ];

    public override async Task<Plan> CheckAsync(ModuleContext context, Deb822RepositoryParams parameters, CancellationToken ct)
    {
        var changes = new List<Change>();
        Deb822Key? key = null;
        var sources = parameters;
        if (parameters.State == "absent")
        {
            foreach (var keyring in Keyrings(parameters))
            {
                if ((await context.Facts.GetAsync(new FileFact(keyring), ct)).Exists)
                {
                    changes.Add(new Change($"{keyring}: state", "file", "absent"));
                }
            }
        }
        else if (IsUrl(parameters.SignedBy))
        {
            var content = await context.Facts.GetAsync(new SignedByKeyFact(parameters.SignedBy!), ct);
            var armoured = Encoding.UTF8.GetString(content).Contains("-----BEGIN PGP PUBLIC KEY BLOCK-----", StringComparison.Ordinal);
            var path = Keyrings(parameters)[armoured ? 0 : 1];
            key = new Deb822Key(content, path);
            var now = await context.Facts.GetAsync(new FileFact(path), ct);
            var sha = Convert.ToHexStringLower(SHA256.HashData(content));
            if (now.Sha256 != sha)
            {
                changes.Add(new Change($"{path}: content", now.Sha256 is null ? null : "sha256:" + now.Sha256[..12], "sha256:" + sha[..12]));
            }

            if (now.Stat is { } stat && stat.ModeOctal != "0644")
            {
                changes.Add(new Change($"{path}: mode", stat.ModeOctal, "0644"));
            }

            // Signed-By names the keyring on the host, as Ansible writes it.
            sources = parameters with { SignedBy = path[root.Length..] };
        }

        var file = await _sources.CheckAsync(context, sources, ct);
        changes.AddRange(file.Changes);
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["dest"] = $"/etc/apt/sources.list.d/{Deb822Source.Slug(parameters.Name)}.sources",
            ["key_filename"] = key?.Path[root.Length..],
            ["repo"] = parameters.State == "absent" ? null : Deb822Source.Render(sources),
        };
        return changes.Count == 0
            ? Plan.InSync(file.Reason) with { Output = output }
            : Plan.Drift(changes, file.IsDrift && changes.Count == file.Changes.Count ? file.Reason : null) with { State = new Deb822Work(key, sources, file), Output = output, Assumed = file.Assumed };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, Deb822RepositoryParams parameters, Plan plan, CancellationToken ct)
    {
        var work = plan.State as Deb822Work ?? throw new Core.Diagnostics.TaskFailedException("deb822_repository: apply was given a plan this module did not make");
        if (parameters.State == "absent")
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("rm", ["-f", "--", .. Keyrings(parameters)]), ct);
        }
        else if (work.Key is { } key)
        {
            // Ansible's ensure_keyrings_dir: /etc/apt/keyrings, root-owned, 0755.
            await HostCommand.RunAsync(context, CommandSpec.Change("install", "-d", "-m", "0755", "--", Path.GetDirectoryName(key.Path)!), ct);
            await context.Connection.WriteFileAsync(key.Path, key.Content, FileWriteOptions.Default with { Mode = 0b110_100_100 }, ct);
        }

        context.Facts.Invalidate<FileFact>();
        if (work.Sources.IsDrift)
        {
            await _sources.ApplyAsync(context, work.Parameters, work.Sources, ct);
        }

        return new ApplyResult($"deb822_repository {parameters.Name}: {plan.Reason}") { Output = plan.Output };
    }

    /// <summary>Where Ansible keeps a downloaded key: <c>/etc/apt/keyrings/SLUG.asc</c> and <c>.gpg</c>, in that order.</summary>
    private string[] Keyrings(Deb822RepositoryParams parameters)
    {
        var slug = Deb822Source.Slug(parameters.Name);
        return [$"{root}/etc/apt/keyrings/{slug}.asc", $"{root}/etc/apt/keyrings/{slug}.gpg"];
    }

    private sealed record Deb822Work(Deb822Key? Key, Deb822RepositoryParams Parameters, Plan Sources);
}
