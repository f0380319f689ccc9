using Converge.Modules.Common;

namespace Converge.Modules.Template;

/// <summary>Params of <c>template</c>: render a Jinja2 template from the controller into a file on the host.</summary>
public sealed record TemplateParams : ISelinuxParams
{
    /// <summary>The template on the controller; a relative path is looked up in the playbook's <c>templates/</c>, then its folder.</summary>
    public required string Src { get; init; }

    /// <summary>The absolute path of the file on the host.</summary>
    public required string Dest { get; init; }

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public bool Backup { get; init; }

    /// <summary>A command run on the rendered file before it is put in place, <c>%s</c> being the file (e.g. <c>nginx -t -c %s</c>).</summary>
    public string? Validate { get; init; }

    /// <summary>The line ending of the written file: <c>\n</c> (default), <c>\r</c> or <c>\r\n</c>, as Ansible's.</summary>
    public string NewlineSequence { get; init; } = "\n";

    /// <summary>False: only create a missing file; an existing one is left exactly as it is (Ansible's <c>force: no</c>).</summary>
    public bool Force { get; init; } = true;

    /// <summary>A symlink at <c>dest</c>: false (default, as Ansible) replaces the link with the file; true writes the link's target.</summary>
    public bool Follow { get; init; }

    /// <summary>SELinux attributes (Ansible's common file arguments): ignored where SELinux is disabled, refused where it is enabled (<see cref="SelinuxAttributes"/>).</summary>
    public string? Seuser { get; init; }

    public string? Serole { get; init; }

    public string? Setype { get; init; }

    public string? Selevel { get; init; }
}
