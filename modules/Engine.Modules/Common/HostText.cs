using Converge.Core.Diagnostics;
using Converge.Core.Modules;

namespace Converge.Modules.Common;

/// <summary>
/// The text a file-editing module (lineinfile, blockinfile, replace, ini_file) starts from: through the
/// batched <see cref="FileTextFact"/> when the task runs as the login user, else through the become
/// connection (a root-only file must be read as root). Null when the file does not exist.
/// </summary>
public static class HostText
{
    public static async Task<string?> ReadAsync(ModuleContext context, string path, string module, CancellationToken ct)
    {
        string? text;
        if (context.Become is null)
        {
            text = await context.Facts.GetAsync(new FileTextFact(path), ct);
        }
        else
        {
            var bytes = await context.Connection.ReadFileAsync(path, null, ct);
            text = bytes is null ? null : FileContent.AsText(bytes) ?? "\0";
        }

        if (text is not null && (text.Contains('\0') || text.Contains('\uFFFD')))
        {
            throw new TaskFailedException($"{path} is not a UTF-8 text file; {module} edits text files only");
        }

        return text;
    }
}
