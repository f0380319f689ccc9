using Converge.Core.Binding;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Templates;
using YamlDotNet.RepresentationModel;

namespace Converge.Modules.Tests.Common;

/// <summary>Binds a params mapping written as YAML the way the loader does, and returns the problems' messages.</summary>
public static class ValidationProbe
{
    public static IReadOnlyList<string> Problems(IModule module, string yaml, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var node = stream.Documents[0].RootNode;
        try
        {
            new ParamsBinder(new TemplateEngine()).Bind(module, node, "task.yml", new SourceSpan("task.yml", 1, 1), variables ?? new Dictionary<string, object?>());
            return [];
        }
        catch (BindingException e)
        {
            return [.. e.Problems.Select(d => d.Message)];
        }
    }

    /// <summary>No problem when <paramref name="message"/> is null; otherwise a problem that contains it.</summary>
    public static void AssertProblem(IModule module, string yaml, string? message)
    {
        var problems = Problems(module, yaml);
        if (message is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.Contains(message, StringComparison.Ordinal));
        }
    }

    public static T Bind<T>(Module<T> module, string yaml, IReadOnlyDictionary<string, object?>? variables = null)
        where T : class
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (T)new ParamsBinder(new TemplateEngine()).Bind(module, stream.Documents[0].RootNode, "task.yml", new SourceSpan("task.yml", 1, 1), variables ?? new Dictionary<string, object?>());
    }
}
