namespace Converge.Modules.Template;

/// <summary>Params of <c>template</c>: render a Jinja2 template from the controller into a file on the host.</summary>
public sealed record TemplateParams
{
    /// <summary>The template on the controller; a relative path is looked up in the playbook's <c>templates/</c>, then its folder.</summary>
    public required string Src { get; init; }

    /// <summary>The absolute path of the file on the host.</summary>
    public required string Dest { get; init; }

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public bool Backup { get; init; }
}
