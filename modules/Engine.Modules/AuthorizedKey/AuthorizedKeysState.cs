namespace Converge.Modules.AuthorizedKey;

/// <summary>What the host has: whether the user exists, its uid and gid, the key file, whether its folder exists, and its text (null: no file).</summary>
public sealed record AuthorizedKeysState(bool UserExists, string Uid, string Gid, string File, bool DirectoryExists, string? Text);
