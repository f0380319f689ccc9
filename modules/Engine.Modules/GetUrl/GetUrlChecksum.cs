using Converge.Modules.Stat;

namespace Converge.Modules.GetUrl;

/// <summary>A parsed <c>checksum: ALGORITHM:HEX</c> (hex lower-cased, as coreutils' <c>ALGOsum</c> prints it).</summary>
public sealed record GetUrlChecksum(string Algorithm, string Hex)
{
    public static GetUrlChecksum? Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var (algorithm, hex) = (text[..colon].ToLowerInvariant(), text[(colon + 1)..].Trim().ToLowerInvariant());
        return StatParamsValidator.Algorithms.Contains(algorithm) && hex.Length > 0 && hex.All(char.IsAsciiHexDigit) ? new GetUrlChecksum(algorithm, hex) : null;
    }
}
