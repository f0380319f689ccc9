using System.IO.Compression;
using CliWrap;
using CliWrap.Buffered;
using Converge.Core.Diagnostics;
using Converge.Modules.Common;

namespace Converge.Modules.Unarchive;

/// <summary>
/// The members of an archive on the controller: extracted into a private temporary folder on the controller (GNU tar
/// with the task's <c>extra_opts</c>, or .NET's zip reader), walked and hashed, and the folder removed. Nothing reaches the host.
/// </summary>
public static class ControllerArchive
{
    public static async Task<IReadOnlyList<ArchiveMember>> MembersAsync(string archive, IReadOnlyList<string> extraOpts, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("converge-unarchive-").FullName;
        try
        {
            if (ArchiveFormat.IsZip(archive))
            {
                await ZipFile.ExtractToDirectoryAsync(archive, folder, overwriteFiles: true, ct);
            }
            else
            {
                var tar = await Cli.Wrap("tar").WithArguments(["-xf", archive, "-C", folder, "--no-same-owner", .. extraOpts])
                    .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(ct);
                if (tar.ExitCode != 0)
                {
                    throw new TaskFailedException($"cannot read the archive {archive}: {tar.StandardError.Trim()}");
                }
            }

            var members = new List<ArchiveMember>();
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
            foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", options).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(folder, path);
                var info = new FileInfo(path);
                if (info.LinkTarget is null && File.Exists(path))
                {
                    members.Add(new ArchiveMember(relative, false, (await FileContent.FromLocalFileAsync(path, ct)).Sha256));
                }
                else if (info.LinkTarget is null && Directory.Exists(path))
                {
                    members.Add(new ArchiveMember(relative, true, null));
                }
            }

            return members;
        }
        catch (InvalidDataException e)
        {
            throw new TaskFailedException($"cannot read the archive {archive}: {e.Message}", inner: e);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
