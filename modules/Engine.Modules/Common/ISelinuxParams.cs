namespace Converge.Modules.Common;

/// <summary>
/// The SELinux file attributes Ansible's file-shaped modules share (<c>add_file_common_args</c>): <c>seuser</c>,
/// <c>serole</c>, <c>setype</c>, <c>selevel</c>. Converge accepts them and never sets them: see <see cref="SelinuxAttributes"/>.
/// </summary>
public interface ISelinuxParams
{
    string? Seuser { get; }

    string? Serole { get; }

    string? Setype { get; }

    string? Selevel { get; }
}
