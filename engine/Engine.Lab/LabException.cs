namespace Converge.Lab;

/// <summary>A lab operation failed; the message says what and, where a command failed, its stderr.</summary>
public sealed class LabException : Exception
{
    public LabException(string message)
        : base(message)
    {
    }

    public LabException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
