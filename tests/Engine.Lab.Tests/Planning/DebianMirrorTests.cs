namespace Converge.Lab.Tests.Planning;

public sealed class DebianMirrorTests
{
    [Fact]
    public void The_main_archive_is_found_in_a_deb822_sources_file_and_security_is_skipped()
    {
        const string sources = """
            Types: deb
            URIs: http://deb.debian.org/debian-security
            Suites: bookworm-security

            Types: deb
            URIs: http://mirror.example.org/debian/
            Suites: bookworm bookworm-updates
            """;

        Assert.Equal("http://mirror.example.org/debian", DebianMirror.FromSources(sources));
    }

    [Fact]
    public void The_main_archive_is_found_in_a_one_line_sources_file()
    {
        const string sources = "deb https://packages.example.com/apt stable main\ndeb [arch=amd64] http://ftp.de.debian.org/debian bookworm main\n";

        Assert.Equal("http://ftp.de.debian.org/debian", DebianMirror.FromSources(sources));
    }

    [Fact]
    public void Sources_without_a_debian_archive_give_nothing()
    {
        Assert.Null(DebianMirror.FromSources("deb https://packages.example.com/apt stable main\n"));
    }
}
