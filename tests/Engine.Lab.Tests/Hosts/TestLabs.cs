namespace Converge.Lab.Tests.Hosts;

/// <summary>
/// Lab names for one test run: a random tag per process, so two runs on one machine (a developer
/// and CI, or two people) never tear down each other's labs.
/// </summary>
internal static class TestLabs
{
    private static readonly string Tag = new(Enumerable.Range(0, 4).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789"[Random.Shared.Next(36)]).ToArray());

    private static readonly string[] Purposes = ["shared", "down", "a", "b", "broken", "seed", "docker", "ovs", "vxlan", "roles"];

    public static string Named(string purpose) => $"{purpose}-{Tag}";

    public static bool IsTestLab(string name) =>
        name.Length > 5 && name[^5] == '-' && Purposes.Contains(name[..^5]);
}
