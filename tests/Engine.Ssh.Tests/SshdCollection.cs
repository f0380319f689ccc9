using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests;

/// <summary>All tests against the shared loopback sshd run in this collection (one server, one set of users).</summary>
[CollectionDefinition(Name)]
public sealed class SshdCollection : ICollectionFixture<SshdFixture>
{
    public const string Name = "sshd";
}
