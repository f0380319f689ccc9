using Converge.Core.Secrets;
using Renci.SshNet.Security;

namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>How to log in: the private keys' signature algorithms to try in order (SSH.NET reads and signs with them), then the password.</summary>
/// <remarks>The password is a <see cref="Secret"/>, so printing the record shows <c>[REDACTED]</c>.</remarks>
internal sealed record WireCredentials(string User, IReadOnlyList<HostAlgorithm> Keys, Secret? Password);
