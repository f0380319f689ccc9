using Converge.Core.Templates.Jinja.Filters;

namespace Converge.Core.Templates.Jinja.Library;

/// <summary>Builds the standard library from its parts, each registering the functions of one concern.</summary>
public static class StandardLibrary
{
    public static JinjaLibrary Build()
    {
        var filters = new Dictionary<string, JinjaFunction>(StringComparer.Ordinal);
        var tests = new Dictionary<string, JinjaFunction>(StringComparer.Ordinal);
        var globals = new Dictionary<string, object?>(StringComparer.Ordinal);
        CoreFilters.Register(filters);
        StringFilters.Register(filters);
        CollectionFilters.Register(filters);
        SetFilters.Register(filters);
        DataFilters.Register(filters);
        PathFilters.Register(filters);
        IpFilters.Register(filters);
        Tests.Register(tests);
        Globals.Register(globals);
        return new JinjaLibrary(filters, tests, globals);
    }
}
