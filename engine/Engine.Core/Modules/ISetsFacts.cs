using YamlDotNet.RepresentationModel;

namespace Converge.Core.Modules;

/// <summary>
/// A module that sets facts on its host (getent, service_facts): the variable names a task of it defines, read from
/// its params as written, so load-time validation treats them as known at run time (as it does set_fact's names)
/// instead of reporting them undefined. A name that depends on a template is left out.
/// </summary>
public interface ISetsFacts
{
    IReadOnlyList<string> FactNames(YamlNode? parameters);
}
