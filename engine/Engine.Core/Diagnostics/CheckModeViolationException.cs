namespace Converge.Core.Diagnostics;

/// <summary>A module tried to change a host while the run is in check mode; the transport refused.</summary>
public sealed class CheckModeViolationException : ConvergeException
{
    public CheckModeViolationException(string operation)
        : base($"check mode: refused to {operation}; a module's check must only read the host")
    {
        Operation = operation;
    }

    public string Operation { get; }
}
