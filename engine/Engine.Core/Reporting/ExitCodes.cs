namespace Converge.Core.Reporting;

/// <summary>Converge's exit codes; 2, 4 and 8 are bit flags that combine (6, 12, 14).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Invalid input or usage; nothing was contacted.</summary>
    public const int InvalidInput = 1;

    public const int Changed = 2;

    public const int Failed = 4;

    public const int Unreachable = 8;
}
