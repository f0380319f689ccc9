namespace Converge.Lab;

/// <summary>
/// Throwaway Debian hosts on this machine: each host is its own network, mount, UTS, IPC and PID
/// namespaces over a copy-on-write root from the cached image, with sshd on a private address the
/// controller reaches through one interface. This is the engine API the CLI verbs and the tests call.
/// </summary>
public sealed partial class Lab(LabPaths paths, Action<string> log)
{
    public LabPaths Paths => paths;

    public static Lab Default(Action<string>? log = null) => new(LabPaths.Default, log ?? (_ => { }));

    public string StateDir(string name) => paths.LabState(name);

    public string RunDir(string name) => paths.LabRun(name);

    public string StateFile(string name) => Path.Combine(StateDir(name), "lab.json");

    public string InventoryFile(string name) => Path.Combine(StateDir(name), "hosts.yml");

    public string PrivateKey(string name) => Path.Combine(StateDir(name), "id_ed25519");

    public string KnownHosts(string name) => Path.Combine(StateDir(name), "known_hosts");

    private string HostStateDir(string name, string host) => Path.Combine(StateDir(name), "hosts", host);

    private string HostRunDir(string name, string host) => Path.Combine(RunDir(name), "hosts", host);

    /// <summary>The names of the labs that exist on this machine.</summary>
    public IReadOnlyList<string> Names() =>
        Directory.Exists(paths.State)
            ? Directory.GetDirectories(paths.State).Where(d => File.Exists(Path.Combine(d, "lab.json"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    public bool Exists(string name) => File.Exists(StateFile(name));

    /// <summary>Tears every lab down (<c>lab down --all</c>).</summary>
    public async Task DownAllAsync(CancellationToken ct)
    {
        foreach (var name in Names())
        {
            await DownAsync(name, ct);
        }
    }

    public LabState Load(string name) =>
        Exists(name) ? LabState.Load(StateFile(name)) : throw new LabException($"there is no lab named '{name}' (start one with `converge lab up --name {name}`)");
}
