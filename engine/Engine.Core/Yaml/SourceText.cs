using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Converge.Core.Diagnostics;

namespace Converge.Core.Yaml;

/// <summary>
/// Reads an input file (playbook, inventory, vars file) as strict UTF-8. A file that cannot be read, is
/// too large to be a configuration file, or is not valid UTF-8 becomes a located diagnostic instead of an
/// exception or of text with U+FFFD in it that would be written to hosts.
/// </summary>
public static class SourceText
{
    /// <summary>Larger than any real playbook or inventory; bounds the memory a load can take.</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    /// <summary>The text of <paramref name="path"/>, or null with a diagnostic saying why it cannot be used.</summary>
    public static string? Read(string path, DiagnosticBag diagnostics)
    {
        var at = new SourceSpan(path, 1, 1);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                diagnostics.Add(at, $"file is too large ({info.Length / (1024 * 1024)} MB); input files are limited to {MaxBytes / (1024 * 1024)} MB");
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(at, $"cannot read file: {e.Message}");
            return null;
        }

        return Decode(path, bytes, diagnostics);
    }

    /// <summary>Decodes UTF-8 (a byte order mark is skipped) or UTF-16 with a byte order mark, as PyYAML accepts.</summary>
    public static string? Decode(string path, byte[] bytes, DiagnosticBag diagnostics)
    {
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            var encoding = bytes[0] == 0xFF ? new UnicodeEncoding(false, true, true) : new UnicodeEncoding(true, true, true);
            try
            {
                return encoding.GetString(bytes, 2, bytes.Length - 2);
            }
            catch (DecoderFallbackException)
            {
                diagnostics.Add(new SourceSpan(path, 1, 1), "invalid UTF-16: the file has a UTF-16 byte order mark but is not valid UTF-16");
                return null;
            }
        }

        var body = bytes.AsSpan(bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0);
        var chars = new char[body.Length];
        var status = Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var before = new string(chars, 0, written);
        var line = before.Count(c => c == '\n') + 1;
        var column = written - (before.LastIndexOf('\n') + 1) + 1;
        diagnostics.Add(
            new SourceSpan(path, line, column),
            $"invalid UTF-8 at byte {read + (bytes.Length - body.Length)} (0x{body[read]:X2}); save the file as UTF-8");
        return null;
    }
}
