using FluentValidation;

namespace Converge.Core.Modules;

/// <summary>
/// One instance of each params validator per process, built when a task first needs it. Building a FluentValidation
/// validator compiles its rules' expressions; built eagerly with every module of the catalog (and the catalog is
/// read twice per run: to load, then to run), all the validators cost ~0.3 s of CPU at every start, whatever the
/// playbook uses (issue 14). Validators hold no state, so one instance serves every task and thread.
/// </summary>
public static class ParamsValidators
{
    public static TValidator Of<TValidator>()
        where TValidator : IValidator, new() => Holder<TValidator>.Instance;

    private static class Holder<TValidator>
        where TValidator : IValidator, new()
    {
        public static readonly TValidator Instance = new();
    }
}
