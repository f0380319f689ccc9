namespace Converge.Core.Connections;

/// <summary>Whether a command only reads the host (allowed in check mode) or may change it.</summary>
public enum CommandKind
{
    /// <summary>Reads state only; runs in check mode.</summary>
    Probe,

    /// <summary>May change the host; refused by the transport in check mode.</summary>
    Change,
}
