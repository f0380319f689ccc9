namespace Converge.TestKit.Sshd;

/// <summary>What the real-sshd tests need from the machine, and why a test is skipped when it is missing.</summary>
public static class SshdRequirements
{
    public const string SshdPath = "/usr/sbin/sshd";

    /// <summary>Null when the tests can run; otherwise the reason, naming what to install or how to run.</summary>
    public static string? MissingReason { get; } = Check();

    private static string? Check()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux (loopback addresses 127.0.1.x and OpenSSH sshd)";
        }

        if (Environment.UserName != "root")
        {
            return "needs root to run its own sshd and create test users; CI runs these tests as root";
        }

        if (!File.Exists(SshdPath) || !File.Exists("/usr/bin/ssh-keygen"))
        {
            return "needs OpenSSH: apt-get install openssh-server";
        }

        return File.Exists("/usr/bin/sudo") ? null : "needs sudo: apt-get install sudo";
    }
}
