namespace Converge.Modules.TempFile;

/// <summary>Params of <c>tempfile</c> (Ansible's): a new, uniquely named temporary file or directory on the host.</summary>
public sealed record TempFileParams
{
    /// <summary><c>file</c> (default) or <c>directory</c>.</summary>
    public string State { get; init; } = "file";

    /// <summary>The directory to create it in; null uses the host's <c>$TMPDIR</c>, else <c>/tmp</c>.</summary>
    public string? Path { get; init; }

    public string Prefix { get; init; } = "ansible.";

    public string Suffix { get; init; } = string.Empty;
}
