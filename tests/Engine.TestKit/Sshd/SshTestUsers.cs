using System.Security.Cryptography;

namespace Converge.TestKit.Sshd;

/// <summary>
/// Unprivileged users for become tests, created with random passwords and sudo rules and removed afterwards:
/// <see cref="PasswordUser"/> may sudo with its password, <see cref="NoPasswordUser"/> without one (NOPASSWD).
/// The names carry a random suffix, so test runs in several checkouts at once never remove each other's users.
/// </summary>
public sealed class SshTestUsers : IAsyncDisposable
{
    private SshTestUsers(string suffix, string password, string noPasswordUserPassword)
    {
        PasswordUser = "cv-test-" + suffix;
        NoPasswordUser = "cv-nopw-" + suffix;
        Password = password;
        NoPasswordUserPassword = noPasswordUserPassword;
    }

    /// <summary>A user that may run anything through sudo after giving its password.</summary>
    public string PasswordUser { get; }

    /// <summary>A user that may run anything through sudo without a password (NOPASSWD).</summary>
    public string NoPasswordUser { get; }

    /// <summary>The login and sudo password of <see cref="PasswordUser"/>.</summary>
    public string Password { get; }

    /// <summary>The login password of <see cref="NoPasswordUser"/>, which sudo never asks for.</summary>
    public string NoPasswordUserPassword { get; }

    public static async Task<SshTestUsers> CreateAsync()
    {
        var users = new SshTestUsers(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), NewPassword(), NewPassword());
        await CreateUserAsync(users.PasswordUser, users.Password, $"{users.PasswordUser} ALL=(ALL:ALL) ALL");
        await CreateUserAsync(users.NoPasswordUser, users.NoPasswordUserPassword, $"{users.NoPasswordUser} ALL=(ALL:ALL) NOPASSWD: ALL");
        return users;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var user in new[] { PasswordUser, NoPasswordUser })
        {
            File.Delete(SudoersFile(user));
            await ProcessRunner.RunAsync("userdel", ["-r", user], check: false);
        }
    }

    private static string SudoersFile(string user) => $"/etc/sudoers.d/{user}";

    private static string NewPassword() => "Cv-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static async Task CreateUserAsync(string user, string password, string sudoRule)
    {
        if (await ProcessRunner.RunAsync("getent", ["passwd", user], check: false) is "")
        {
            await ProcessRunner.RunAsync("useradd", ["--create-home", "--shell", "/bin/bash", user]);
        }

        await ProcessRunner.RunAsync("chpasswd", [], stdin: $"{user}:{password}\n");
        var sudoers = SudoersFile(user);
        await File.WriteAllTextAsync(sudoers, sudoRule + "\n");
        File.SetUnixFileMode(sudoers, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        await ProcessRunner.RunAsync("visudo", ["-c", "-q", "-f", sudoers]);
    }
}
