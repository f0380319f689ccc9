using System.Collections.Concurrent;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Templates;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Template;

/// <summary>
/// <c>template</c>: renders a controller-side Jinja2 template with the task's variables (strictly: an
/// undefined variable fails the task, naming the variable and the template file and line) and manages
/// the result like <c>file</c> with content: compared by sha256, shown as a unified diff, written atomically.
/// </summary>
public sealed class TemplateModule : FileStateModule<TemplateParams>
{
    private static readonly ConcurrentDictionary<string, SourceText> Texts = new(StringComparer.Ordinal);

    public override string Name => "template";

    protected override IValidator<TemplateParams> ParamsValidator => ParamsValidators.Of<TemplateParamsValidator>();

    protected override string Subject(TemplateParams parameters) => parameters.Dest;

    /// <summary>As Ansible (<c>follow: false</c> by default): a symlink at <c>dest</c> is replaced by the file; with <c>follow: true</c> its target is written.</summary>
    protected override bool Follow(TemplateParams parameters) => parameters.Follow;

    protected override async Task<FileSpec> SpecAsync(ModuleContext context, TemplateParams parameters, CancellationToken ct)
    {
        var source = context.ResolveLocalPath(parameters.Src, "templates");
        if (!System.IO.File.Exists(source))
        {
            throw new TaskFailedException(
                $"template '{parameters.Src}' not found: looked in {Path.Combine(context.PlaybookDirectory, "templates")} and {context.PlaybookDirectory}");
        }

        var text = await TextAsync(source, ct);
        var rendered = Render(context, source, text, TemplateVariables(context, parameters.Src, source, parameters.Dest));

        // As in Ansible's template action, the template is rendered (and fails on an undefined variable) even when
        // force: no then leaves an existing file exactly as it is, content and attributes.
        if (!parameters.Force && (await context.Facts.GetAsync(new FileFact(parameters.Dest), ct)).Exists)
        {
            return new FileSpec(parameters.Dest, "file");
        }

        return new FileSpec(parameters.Dest, "file")
        {
            Content = FileContent.FromText(TemplateNewlines.Apply(rendered, parameters.NewlineSequence)),
            Mode = parameters.Mode,
            Owner = parameters.Owner,
            Group = parameters.Group,
            Backup = parameters.Backup,
            Source = source,
            Validate = parameters.Validate,
            IntoDirectory = Path.GetFileName(source),
        };
    }

    /// <summary>
    /// The template's text. Every host of a run renders the same file, so its text is kept while the file's size and
    /// modification time stay the same (reading it per host was a share of the controller's CPU per host, issue 14).
    /// </summary>
    private static async Task<string> TextAsync(string source, CancellationToken ct)
    {
        var info = new FileInfo(source);
        var ticks = info.LastWriteTimeUtc.Ticks;
        if (Texts.TryGetValue(info.FullName, out var known) && known.Length == info.Length && known.Ticks == ticks)
        {
            return known.Text;
        }

        var text = await System.IO.File.ReadAllTextAsync(source, ct);
        Texts[info.FullName] = new SourceText(info.Length, ticks, text);
        return text;
    }

    /// <summary>
    /// The task's variables plus those Ansible's template action adds over them (roles put
    /// <c>{{ ansible_managed }}</c> at the top of most templates): its default text, and where the template is.
    /// </summary>
    private static Dictionary<string, object?> TemplateVariables(ModuleContext context, string src, string source, string dest) =>
        new(context.Variables)
        {
            ["ansible_managed"] = "Ansible managed",
            ["template_path"] = src,
            ["template_fullpath"] = Path.GetFullPath(source),
            ["template_destpath"] = dest,
            ["template_host"] = Environment.MachineName,
        };

    private static string Render(ModuleContext context, string source, string text, IReadOnlyDictionary<string, object?> variables)
    {
        try
        {
            return context.Templates.RenderFile(source, text, variables);
        }
        catch (UndefinedVariableException e)
        {
            throw new TaskFailedException($"{source}{(e.Line > 0 ? $":{e.Line}:{e.Column}" : string.Empty)}: undefined variable '{e.Variable}'", inner: e);
        }
        catch (TemplateSyntaxException e)
        {
            throw new TaskFailedException($"{source}{(e.Line > 0 ? $":{e.Line}:{e.Column}" : string.Empty)}: {e.Reason}", inner: e);
        }
        catch (TemplateRuntimeException e)
        {
            throw new TaskFailedException($"{source}{(e.Line > 0 ? $":{e.Line}:{e.Column}" : string.Empty)}: {e.Reason}", inner: e);
        }
    }

    private sealed record SourceText(long Length, long Ticks, string Text);
}
