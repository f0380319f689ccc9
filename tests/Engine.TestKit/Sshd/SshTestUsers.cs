using System.Security.Cryptography;

namespace Converge.TestKit.Sshd;

/// <summary>
/// Unprivileged users for become tests, created with random passwords and sudo rules and removed afterwards:
/// <see cref="PasswordUser"/> may sudo with its password, <see cref="NoPasswordUser"/> without one (NOPASSWD).
/// </summary>
public sealed class SshTestUsers : IAsyncDisposable
{
    public const string PasswordUser = "converge-test";

    public const string NoPasswordUser = "converge-nopw";

    private SshTestUsers(string password, string noPasswordUserPassword)
    {
        Password = password;
        NoPasswordUserPassword = noPasswordUserPassword;
    }

    /// <summary>The login and sudo password of <see cref="PasswordUser"/>.</summary>
    public string Password { get; }

    /// <summary>The login password of <see cref="NoPasswordUser"/>, which sudo never asks for.</summary>
    public string NoPasswordUserPassword { get; }

    public static async Task<SshTestUsers> CreateAsync()
    {
        var users = new SshTestUsers(NewPassword(), NewPassword());
        await users.CreateUserAsync(PasswordUser, users.Password, $"{PasswordUser} ALL=(ALL:ALL) ALL");
        await users.CreateUserAsync(NoPasswordUser, users.NoPasswordUserPassword, $"{NoPasswordUser} ALL=(ALL:ALL) NOPASSWD: ALL");
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

    private async Task CreateUserAsync(string user, string password, string sudoRule)
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
