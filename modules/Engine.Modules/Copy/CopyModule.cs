using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Copy;

/// <summary>
/// <c>copy</c>: literal content or one controller file (<see cref="CopyFileModule"/>, with its diff), a controller
/// directory copied recursively, or a host path copied on the host with <c>remote_src</c> (<see cref="CopyTree"/>).
/// </summary>
public sealed class CopyModule : Module<CopyParams>
{
    private readonly CopyFileModule _file = new();

    public override string Name => "copy";

    protected override IValidator<CopyParams> ParamsValidator => ParamsValidators.Of<CopyParamsValidator>();

    /// <summary>
    /// A host source is listed (and hashed) in the host's batch with the destination; a controller directory's
    /// destinations are known only once the directory is walked, so they are read in one batched probe of their own.
    /// </summary>
    public override IReadOnlyList<IFact> FactsOf(CopyParams parameters) =>
        parameters.RemoteSrc
            ? [new TreeFact(parameters.Src!, hash: true), new FileFact(parameters.Src!), new FileFact(parameters.Dest), .. SelinuxAttributes.FactsOf(parameters)]
            : _file.FactsOf(parameters);

    public override async Task<Plan> CheckAsync(ModuleContext context, CopyParams parameters, CancellationToken ct)
    {
        await SelinuxAttributes.RefuseIfEnabledAsync(context, parameters, Name, ct);
        if (parameters.RemoteSrc)
        {
            var (items, root) = await HostItemsAsync(context, parameters, ct);
            return await CopyTree.CheckAsync(context, parameters, items, root, ct);
        }

        if (parameters.Src is { } src && Directory.Exists(context.ResolveLocalPath(src, "files")))
        {
            var items = await CopySources.FromControllerAsync(context.ResolveLocalPath(src, "files"), parameters, ct);
            return await CopyTree.CheckAsync(context, parameters, items, CopySources.Root(parameters), ct);
        }

        if (parameters.Mode == CopyItem.Preserve && parameters.Src is { } file)
        {
            parameters = parameters with { Mode = FileModes.Format((int)File.GetUnixFileMode(context.ResolveLocalPath(file, "files"))) };
        }

        return await _file.CheckAsync(context, parameters, ct);
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, CopyParams parameters, Plan plan, CancellationToken ct)
    {
        if (plan.State is CopyWork work)
        {
            return CopyTree.ApplyAsync(context, parameters, plan, work, ct);
        }

        if (parameters.Mode == CopyItem.Preserve && parameters.Src is { } file)
        {
            parameters = parameters with { Mode = FileModes.Format((int)File.GetUnixFileMode(context.ResolveLocalPath(file, "files"))) };
        }

        return _file.ApplyAsync(context, parameters, plan, ct);
    }

    /// <summary>A host source: a directory is copied as a tree; a file into <c>dest</c> (or inside it, when it is a directory).</summary>
    private static async Task<(IReadOnlyList<CopyItem> Items, string Root)> HostItemsAsync(ModuleContext context, CopyParams p, CancellationToken ct)
    {
        var tree = await context.Facts.GetAsync(new TreeFact(p.Src!, hash: true), ct);
        var source = await context.Facts.GetAsync(new FileFact(p.Src!), ct);
        if (tree.IsDirectory)
        {
            return (CopySources.FromHostTree(tree, source.Stat?.ModeOctal ?? FileModes.Format(FileModes.DefaultDirectory), p), CopySources.Root(p));
        }

        if (source.Stat is null || source.Sha256 is null)
        {
            throw new TaskFailedException(source.Stat is null ? $"Source {p.Src} not found" : $"Source {p.Src} is not a readable regular file");
        }

        var dest = CopyFileModule.FileDest(p);
        var target = await context.Facts.GetAsync(new FileFact(dest), ct);
        if (target.Stat?.Kind == Core.Connections.FileKind.Directory || target.PointsToDirectory)
        {
            dest = dest.TrimEnd('/') + "/" + Path.GetFileName(p.Src);
        }

        var mode = p.Mode is null or CopyItem.Preserve ? source.Stat.ModeOctal : p.Mode;
        return ([new CopyItem(dest, IsDirectory: false) { Sha256 = source.Sha256, RemotePath = p.Src, Mode = p.Mode is null ? null : mode }], dest);
    }
}
