using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Templates;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Template;

/// <summary>
/// <c>template</c>: renders a controller-side Liquid template with the task's variables (strictly: an
/// undefined variable fails the task, naming the variable and the template file and line) and manages
/// the result like <c>file</c> with content: compared by sha256, shown as a unified diff, written atomically.
/// </summary>
public sealed class TemplateModule : FileStateModule<TemplateParams>
{
    public override string Name => "template";

    protected override IValidator<TemplateParams> ParamsValidator { get; } = new TemplateParamsValidator();

    protected override string Subject(TemplateParams parameters) => parameters.Dest;

    protected override async Task<FileSpec> SpecAsync(ModuleContext context, TemplateParams parameters, CancellationToken ct)
    {
        var source = context.ResolveLocalPath(parameters.Src, "templates");
        if (!System.IO.File.Exists(source))
        {
            throw new TaskFailedException(
                $"template '{parameters.Src}' not found: looked in {Path.Combine(context.PlaybookDirectory, "templates")} and {context.PlaybookDirectory}");
        }

        var text = await System.IO.File.ReadAllTextAsync(source, ct);
        return new FileSpec(parameters.Dest, "file")
        {
            Content = FileContent.FromText(TemplateNewlines.Apply(Render(context, source, text), parameters.NewlineSequence)),
            Mode = parameters.Mode,
            Owner = parameters.Owner,
            Group = parameters.Group,
            Backup = parameters.Backup,
            Source = source,
            Validate = parameters.Validate,
        };
    }

    private static string Render(ModuleContext context, string source, string text)
    {
        try
        {
            return context.Templates.Render(text, context.Variables);
        }
        catch (UndefinedVariableException e)
        {
            var line = TemplateLines.Find(text, e.Variable);
            throw new TaskFailedException($"{source}{(line is null ? string.Empty : $":{line}")}: undefined variable '{e.Variable}'", inner: e);
        }
        catch (TemplateSyntaxException e)
        {
            throw new TaskFailedException($"{source}: {e.Message}", inner: e);
        }
    }
}
