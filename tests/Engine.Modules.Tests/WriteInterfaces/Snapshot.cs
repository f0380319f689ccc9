using Converge.Core.Diffs;
using Converge.TestKit;

namespace Converge.Modules.Tests.WriteInterfaces;

/// <summary>
/// Compares rendered text with a committed <c>Snapshots/NAME.verified.txt</c> beside the test. On a
/// mismatch it writes <c>NAME.received.txt</c> next to it and fails with the diff; review and rename to accept.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string folder, string name)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Modules.Tests", folder, "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.txt");
        var received = Path.Combine(directory, name + ".received.txt");
        var expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"no snapshot {verified}; review {received} and rename it to accept"
            : $"{name} differs from its snapshot:\n{UnifiedDiff.Create(expected, actual, verified, received)}");
    }
}
