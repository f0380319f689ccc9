using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Files;

/// <summary>
/// <c>file</c> for <c>state: file|directory|absent|touch</c> (<see cref="FileModule"/> dispatches): a path is a file (with optional exact content), a directory, or absent; with mode, owner
/// and group. Unlike Ansible, <c>touch</c> only creates a missing file and never updates timestamps, so it
/// stays idempotent, and <c>state: file</c> creates a missing file empty instead of failing.
/// </summary>
public sealed class FileNodeModule : FileStateModule<FileParams>
{
    public override string Name => "file";

    protected override IValidator<FileParams> ParamsValidator => ParamsValidators.Of<FileParamsValidator>();

    protected override string Subject(FileParams parameters) => parameters.Path;

    /// <summary>As Ansible's <c>file</c> (<c>follow: true</c> by default): mode, owner and content apply to a symlink's target; <c>absent</c> removes the link itself.</summary>
    protected override bool Follow(FileParams parameters) => parameters.Follow && parameters.State != "absent";

    protected override Task<FileSpec> SpecAsync(ModuleContext context, FileParams parameters, CancellationToken ct) =>
        Task.FromResult(new FileSpec(parameters.Path, parameters.State == "touch" ? "file" : parameters.State)
        {
            Content = parameters.Content is null ? null : FileContent.FromText(parameters.Content),
            Mode = parameters.Mode,
            Owner = parameters.Owner,
            Group = parameters.Group,
            Backup = parameters.Backup,
            ModificationTime = Time(parameters.ModificationTime, parameters.ModificationTimeFormat),
            AccessTime = Time(parameters.AccessTime, parameters.AccessTimeFormat),
        });

    /// <summary>Only content is compared by hash; without it the file is not read (its access time stays as it is).</summary>
    protected override bool Hashes(FileParams parameters) => parameters.Content is not null;

    /// <summary>The times are read in the host's batch when the task manages them.</summary>
    protected override IReadOnlyList<IFact> MoreFacts(FileParams parameters) =>
        parameters.ModificationTime != FileTimes.Preserve || parameters.AccessTime != FileTimes.Preserve ? [new FileTimesFact(parameters.Path)] : [];

    private static string? Time(string value, string format) => value switch
    {
        FileTimes.Preserve => null,
        FileTimes.Now => FileTimes.Now,
        _ => FileTimes.ToStamp(value, format),
    };
}
