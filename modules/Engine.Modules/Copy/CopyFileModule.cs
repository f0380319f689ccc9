using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Copy;

/// <summary>
/// <c>copy</c> of one controller file or literal content into a file on the host (<see cref="CopyModule"/> dispatches),
/// compared by sha256 (the host file is hashed by the probe, the controller file locally), uploaded atomically only
/// when it differs. A <c>dest</c> ending in <c>/</c> is a directory: the file goes inside it, created if missing.
/// </summary>
public sealed class CopyFileModule : FileStateModule<CopyParams>
{
    public override string Name => "copy";

    protected override IValidator<CopyParams> ParamsValidator => ParamsValidators.Of<CopyParamsValidator>();

    protected override string Subject(CopyParams parameters) => FileDest(parameters);

    /// <summary>The file written: <c>dest</c>, or the source's name inside a <c>dest</c> that ends in <c>/</c>.</summary>
    public static string FileDest(CopyParams parameters) =>
        parameters.Dest.EndsWith('/') && parameters.Src is { } src ? parameters.Dest + Path.GetFileName(src) : parameters.Dest;

    /// <summary>As Ansible (<c>follow: false</c> by default): a symlink at <c>dest</c> is replaced by the file; with <c>follow: true</c> its target is written.</summary>
    protected override bool Follow(CopyParams parameters) => parameters.Follow;

    protected override async Task<FileSpec> SpecAsync(ModuleContext context, CopyParams parameters, CancellationToken ct)
    {
        var dest = FileDest(parameters);
        if (!parameters.Force && (await context.Facts.GetAsync(new FileFact(dest), ct)).Exists)
        {
            // force: no leaves an existing file exactly as it is, content and attributes (Ansible's copy).
            return new FileSpec(dest, "file");
        }

        FileContent content;
        string? source = null;
        if (parameters.Src is { } src)
        {
            source = context.ResolveLocalPath(src, "files");
            if (!System.IO.File.Exists(source))
            {
                throw new TaskFailedException($"src '{src}' not found: looked in {string.Join(", ", ModuleContext.SearchDirectories(context.PlaybookDirectory, context.Role, "files"))}");
            }

            content = await FileContent.FromLocalFileAsync(source, ct);
        }
        else
        {
            content = FileContent.FromText(parameters.Content!);
        }

        return new FileSpec(dest, "file")
        {
            CreateParents = dest != parameters.Dest,
            Content = content,
            Mode = parameters.Mode,
            Owner = parameters.Owner,
            Group = parameters.Group,
            Backup = parameters.Backup,
            Source = source,
            Validate = parameters.Validate,
            IntoDirectory = source is null ? null : Path.GetFileName(source),
        };
    }
}
