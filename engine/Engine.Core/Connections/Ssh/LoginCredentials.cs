using Converge.Core.Secrets;
using Renci.SshNet;

namespace Converge.Core.Connections.Ssh;

/// <summary>What a host is logged in with, read once per connection: the private keys (tried in order), the password, and how to say what was tried.</summary>
internal sealed record LoginCredentials(IReadOnlyList<PrivateKeyFile> Keys, Secret? Password, string Tried);
