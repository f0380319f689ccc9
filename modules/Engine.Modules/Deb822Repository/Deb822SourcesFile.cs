using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Deb822Repository;

/// <summary>
/// The <c>.sources</c> half of <c>deb822_repository</c>: <c>/etc/apt/sources.list.d/SLUG.sources</c>, whole, rendered
/// from the params (<see cref="Deb822Source"/>) and compared by content, mode 0644 by default, through the shared file
/// state. <see cref="Deb822RepositoryModule"/> runs it after the downloaded key, if any. Tests give a root.
/// </summary>
public sealed class Deb822SourcesFile(string root) : FileStateModule<Deb822RepositoryParams>
{
    public override string Name => "deb822_repository";

    protected override IValidator<Deb822RepositoryParams> ParamsValidator => ParamsValidators.Of<Deb822RepositoryParamsValidator>();

    protected override string Subject(Deb822RepositoryParams parameters) => PathOf(parameters);

    protected override Task<FileSpec> SpecAsync(ModuleContext context, Deb822RepositoryParams parameters, CancellationToken ct) =>
        Task.FromResult(parameters.State == "absent"
            ? new FileSpec(PathOf(parameters), "absent")
            : new FileSpec(PathOf(parameters), "file") { Content = FileContent.FromText(Deb822Source.Render(parameters)), Mode = parameters.Mode });

    private string PathOf(Deb822RepositoryParams parameters) => $"{root}/etc/apt/sources.list.d/{Deb822Source.Slug(parameters.Name)}.sources";
}
