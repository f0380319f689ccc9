namespace Converge.Modules.Tests.BuildDeb;

/// <summary>
/// A tiny Debian source tree with a plain <c>debian/rules</c> (no debhelper needed) whose <c>binary</c>
/// target builds two packages with <c>dpkg-deb</c> into <c>..</c>, as Debian builds do, counts its runs
/// in a file outside the tree and writes the <c>DEB_BUILD_OPTIONS</c> it saw beside the packages.
/// </summary>
public sealed class TestSourcePackage
{
    public TestSourcePackage(string folder, string counterFile)
    {
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(folder, Package + "-1.0")).FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "debian"));
        File.WriteAllText(Path.Combine(Directory, "debian", "control"), $"""
            Source: {Package}
            Maintainer: Converge tests <tests@example.invalid>

            Package: {Package}
            Architecture: all
            Description: a package built by the Converge tests

            """);
        var rules = Path.Combine(Directory, "debian", "rules");
        File.WriteAllText(rules, string.Join('\n', [
            "#!/usr/bin/make -f",
            $"PKG := {Package}",
            "binary:",
            $"\techo run >> {counterFile}",
            "\techo \"$$DEB_BUILD_OPTIONS\" > ../build-options.txt",
            "\tfor p in $(PKG) $(PKG)-extra; do \\",
            "\t  rm -rf debian/$$p && mkdir -p debian/$$p/DEBIAN debian/$$p/usr/share/$$p && \\",
            "\t  cp content.txt debian/$$p/usr/share/$$p/ && \\",
            "\t  printf 'Package: %s\\nVersion: 1.0-1\\nArchitecture: all\\nMaintainer: t <t@example.invalid>\\nDescription: test\\n' $$p > debian/$$p/DEBIAN/control && \\",
            "\t  dpkg-deb --root-owner-group --build debian/$$p .. || exit 1; \\",
            "\tdone",
            string.Empty]));
        File.SetUnixFileMode(rules, (UnixFileMode)0b111_101_101);
        SetContent("first");
    }

    public static string Package { get; } = "converge-test-build-" + Guid.NewGuid().ToString("N")[..8];

    public string Directory { get; }

    public static string MainDeb => $"{Package}_1.0-1_all.deb";

    public void SetContent(string content) => File.WriteAllText(Path.Combine(Directory, "content.txt"), content + "\n");
}
