using System.Text.RegularExpressions;
using FluentValidation;
using Converge.Modules.Mesh;

namespace Converge.Modules.WriteInterfaces;

/// <summary>Checks the mesh mapping's choices and names before any host is contacted.</summary>
public sealed partial class WriteInterfacesParamsValidator : AbstractValidator<WriteInterfacesParams>
{
    public WriteInterfacesParamsValidator()
    {
        RuleFor(p => p.Path).Must(p => p.StartsWith('/')).WithMessage("path must be absolute, not '{PropertyValue}'");
        RuleFor(p => p.InterfacesFile).Must(p => p.StartsWith('/')).WithMessage("interfaces_file must be absolute, not '{PropertyValue}'");
        RuleFor(p => p.Path).Must(p => SourceDirectoryName().IsMatch(System.IO.Path.GetFileName(p)))
            .WithMessage("the file name of path must contain only letters, digits, '_' and '-', or ifupdown's source-directory skips it");
        RuleFor(p => p.UnderlayHwaddr).Matches(MacAddress()).When(p => p.UnderlayHwaddr is not null)
            .WithMessage("underlay_hwaddr '{PropertyValue}' is not a MAC address like 52:54:00:12:34:56");
        RuleFor(p => p.Mesh).SetValidator(new MeshHostValidator());
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SourceDirectoryName();

    [GeneratedRegex("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$")]
    private static partial Regex MacAddress();
}
