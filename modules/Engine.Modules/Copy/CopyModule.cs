using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Copy;

/// <summary>
/// <c>copy</c>: a controller file or literal content into a file on the host, compared by sha256 (the host
/// file is hashed by the probe, the controller file locally), uploaded atomically only when it differs.
/// Directories are not copied recursively (yet).
/// </summary>
public sealed class CopyModule : FileStateModule<CopyParams>
{
    public override string Name => "copy";

    protected override IValidator<CopyParams> ParamsValidator { get; } = new CopyParamsValidator();

    protected override string Subject(CopyParams parameters) => parameters.Dest;

    /// <summary>As Ansible (<c>follow: false</c> by default): a symlink at <c>dest</c> is replaced by the file; with <c>follow: true</c> its target is written.</summary>
    protected override bool Follow(CopyParams parameters) => parameters.Follow;

    protected override async Task<FileSpec> SpecAsync(ModuleContext context, CopyParams parameters, CancellationToken ct)
    {
        if (!parameters.Force && (await context.Facts.GetAsync(new FileFact(parameters.Dest), ct)).Exists)
        {
            // force: no leaves an existing file exactly as it is, content and attributes (Ansible's copy).
            return new FileSpec(parameters.Dest, "file");
        }

        FileContent content;
        string? source = null;
        if (parameters.Src is { } src)
        {
            source = context.ResolveLocalPath(src, "files");
            if (!System.IO.File.Exists(source))
            {
                throw new TaskFailedException(Directory.Exists(source)
                    ? $"src '{src}' is a directory; copy copies single files"
                    : $"src '{src}' not found: looked in {Path.Combine(context.PlaybookDirectory, "files")} and {context.PlaybookDirectory}");
            }

            content = await FileContent.FromLocalFileAsync(source, ct);
        }
        else
        {
            content = FileContent.FromText(parameters.Content!);
        }

        return new FileSpec(parameters.Dest, "file")
        {
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
