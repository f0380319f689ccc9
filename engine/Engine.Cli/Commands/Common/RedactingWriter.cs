using System.Text;
using Converge.Core.Secrets;

namespace Converge.Cli.Commands.Common;

/// <summary>A writer that passes each written line through a <see cref="Redactor"/>, for verbs that print values.</summary>
internal sealed class RedactingWriter(TextWriter inner, Redactor redactor) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(redactor.Redact(value));

    public override void WriteLine(string? value) => inner.WriteLine(redactor.Redact(value));

    public override void Flush() => inner.Flush();
}
