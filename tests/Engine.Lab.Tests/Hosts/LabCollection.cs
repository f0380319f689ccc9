namespace Converge.Lab.Tests.Hosts;

/// <summary>
/// Every test that starts lab hosts runs in this one collection: one after another (they share a
/// 2-core machine) and with one shared lab from <see cref="SharedLab"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<SharedLab>
{
    public const string Name = "lab hosts";
}
