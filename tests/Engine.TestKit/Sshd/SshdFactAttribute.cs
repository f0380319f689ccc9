using Xunit;

namespace Converge.TestKit.Sshd;

/// <summary>
/// A test against a real OpenSSH server. It runs wherever <see cref="SshdRequirements"/> are met (always in CI,
/// which runs as root with openssh-server and sudo installed) and is skipped with the reason elsewhere.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SshdFactAttribute : FactAttribute
{
    public SshdFactAttribute()
    {
        if (SshdRequirements.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
