using Converge.Lab;
using Converge.TestKit;

namespace Converge.Modules.Tests.Common;

/// <summary>One lab host for <see cref="SystemExampleLabTests"/>, and a fingerprint of what those examples change.</summary>
public sealed class SystemExampleLab : IAsyncLifetime
{
    private readonly string _name = "sysex-" + Guid.NewGuid().ToString("N")[..4];

    private readonly Converge.Lab.Lab _lab = Converge.Lab.Lab.Default();

    private bool _up;

    public string Work { get; } = Directory.CreateTempSubdirectory("converge-system-examples-").FullName;

    public string Inventory => _lab.InventoryFile(_name);

    /// <summary>This machine's address on the lab's network: a server listening there is reachable from the host.</summary>
    public string ControllerAddress { get; private set; } = "127.0.0.1";

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return;
        }

        var lab = await _lab.UpAsync(new LabSpec(_name, Hosts: 1), installMissing: true, CancellationToken.None);
        ControllerAddress = lab.Network.ControllerAddress;
        _up = true;
    }

    public async Task DisposeAsync()
    {
        if (_up)
        {
            await _lab.DownAsync(_name, CancellationToken.None);
        }

        Directory.Delete(Work, recursive: true);
    }

    /// <summary>The host's name and every byte, mode, owner and time of /etc and /home: a check must leave all of it as it was.</summary>
    public Task<string> StateAsync() => ShellAsync("hostname; tar -C / --sort=name -cf - etc home | sha256sum");

    /// <summary>Runs a script on the host as root through its console (not through the transport under test).</summary>
    public async Task<string> ShellAsync(string script)
    {
        var result = await Machine.RunAsync("nsenter", _lab.ConsoleArguments(_name, "node1", ["/bin/sh", "-c", script]), CancellationToken.None, null);
        Assert.True(result.Succeeded, script + ": " + result.Stderr);
        return result.Stdout;
    }
}
