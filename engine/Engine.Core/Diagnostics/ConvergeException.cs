namespace Converge.Core.Diagnostics;

/// <summary>The root of Converge's small exception hierarchy.</summary>
public abstract class ConvergeException : Exception
{
    protected ConvergeException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
