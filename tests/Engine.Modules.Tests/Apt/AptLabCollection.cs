namespace Converge.Modules.Tests.Apt;

/// <summary>The apt lab tests share one pair of lab hosts and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AptLabCollection : ICollectionFixture<AptLab>
{
    public const string Name = "apt lab";
}
