namespace Converge.Modules.KnownHosts;

/// <summary>What a known_hosts check found to do: the file's new text, and whether the file is new (it then gets mode 0644).</summary>
public sealed record KnownHostsWork(string Path, string Text, bool Create);
