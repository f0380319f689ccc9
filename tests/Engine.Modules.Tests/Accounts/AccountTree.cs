using Converge.Modules.Accounts;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Accounts;

/// <summary>
/// A copy of this machine's account databases in a temporary folder: the real useradd, usermod, userdel,
/// groupadd and chpasswd run against it through <see cref="AccountLayout"/>'s prefix and never touch /etc.
/// </summary>
public sealed class AccountTree : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public AccountTree()
    {
        Directory.CreateDirectory(_host.PathOf("etc/default"));
        Directory.CreateDirectory(_host.PathOf("home"));
        foreach (var file in new[] { "passwd", "group", "shadow", "gshadow", "login.defs", "default/useradd" })
        {
            if (File.Exists("/etc/" + file))
            {
                File.Copy("/etc/" + file, _host.PathOf("etc/" + file));
            }
        }

        Layout = new AccountLayout(_host.Target);
    }

    public ModuleTestHost Host => _host;

    public AccountLayout Layout { get; }

    /// <summary>The line for <paramref name="name"/> in one of the tree's databases, null when there is none.</summary>
    public string? Line(string database, string name) =>
        File.ReadLines(_host.PathOf("etc/" + database)).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    public void Dispose() => _host.Dispose();
}
