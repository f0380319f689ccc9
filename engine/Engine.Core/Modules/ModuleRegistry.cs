namespace Converge.Core.Modules;

/// <summary>
/// The modules known to a run, registered explicitly by name (no reflection scanning).
/// A duplicate name throws at start.
/// </summary>
public sealed class ModuleRegistry
{
    private readonly Dictionary<string, IModule> _modules = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _modules.Keys.Order(StringComparer.Ordinal);

    /// <summary>Names deliberately not provided, with why (e.g. RPM-family package modules), for a better error than "unknown module".</summary>
    public IReadOnlyDictionary<string, string> Refused => _refused;

    /// <summary>Declares a module name Converge deliberately does not provide; a task using it gets <paramref name="reason"/>.</summary>
    public ModuleRegistry Refuse(string name, string reason)
    {
        _refused[name] = reason;
        return this;
    }

    public ModuleRegistry Register(IModule module)
    {
        if (!_modules.TryAdd(module.Name, module))
        {
            throw new InvalidOperationException($"module '{module.Name}' is registered twice");
        }

        return this;
    }

    public bool TryGet(string name, out IModule module) => _modules.TryGetValue(name, out module!);

    public IModule Get(string name) =>
        _modules.TryGetValue(name, out var module) ? module : throw new KeyNotFoundException($"unknown module '{name}'");
}
