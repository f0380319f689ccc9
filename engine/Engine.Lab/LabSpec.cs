using System.Text.RegularExpressions;

namespace Converge.Lab;

/// <summary>
/// What <c>converge lab up</c> asks for: a lab name, the number of mesh hosts, an optional builder and
/// the image the hosts start from (<see cref="LabImageRecipe.Names"/>).
/// </summary>
public sealed partial record LabSpec(string Name = "lab", int Hosts = 3, bool Builder = false, string Image = LabImageRecipe.DefaultName)
{
    public const int MaxHosts = 200;

    /// <summary>Checks the spec; names become namespace, file and inventory names, so they stay short and plain.</summary>
    public void Validate()
    {
        if (!NamePattern().IsMatch(Name))
        {
            throw new LabException($"lab name '{Name}' is invalid: use 1-12 lowercase letters, digits or '-', starting with a letter");
        }

        if (Hosts is < 1 or > MaxHosts)
        {
            throw new LabException($"--hosts {Hosts} is out of range: a lab has 1 to {MaxHosts} mesh hosts");
        }

        if (!LabImageRecipe.Names.Contains(Image))
        {
            throw new LabException($"--image {Image} is unknown: use one of {string.Join(", ", LabImageRecipe.Names)}");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,11}$")]
    private static partial Regex NamePattern();
}
