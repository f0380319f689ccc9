using Xunit;

namespace Converge.TestKit.Sshd;

/// <summary>
/// One sshd with <see cref="HostCount"/> loopback hosts and the become test users, shared by a test collection.
/// Does nothing where <see cref="SshdRequirements"/> are not met (the tests are skipped there).
/// </summary>
public sealed class SshdFixture : IAsyncLifetime
{
    public const int HostCount = 5;

    private SshServer? _server;
    private SshTestUsers? _users;

    public SshServer Server => _server ?? throw new InvalidOperationException("sshd is not running: " + SshdRequirements.MissingReason);

    public SshTestUsers Users => _users ?? throw new InvalidOperationException("no test users: " + SshdRequirements.MissingReason);

    public async Task InitializeAsync()
    {
        if (SshdRequirements.MissingReason is not null)
        {
            return;
        }

        _server = await SshServer.StartAsync(HostCount);
        _users = await SshTestUsers.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_users is not null)
        {
            await _users.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
