namespace Converge.Modules.BuildDeb;

/// <summary>
/// Params of <c>build-deb</c>: build Debian packages from a source tree on the build host and fetch them
/// to the controller's artifact store. The tree is copied (or the tarball extracted) into
/// <see cref="WorkDir"/> and built there, so the source stays pristine and its hash stays meaningful.
/// </summary>
public sealed record BuildDebParams
{
    /// <summary>The source tree (with <c>debian/</c>) on the build host.</summary>
    public string? Src { get; init; }

    /// <summary>A source tarball on the controller, uploaded to the build host and extracted, instead of <see cref="Src"/>.</summary>
    public string? Tarball { get; init; }

    /// <summary>Leading folders dropped when the tarball is extracted (<c>openvswitch-2.3.1/</c>).</summary>
    public int StripComponents { get; init; } = 1;

    /// <summary>Where the build happens and the .debs land; default <c>/var/tmp/converge-build/NAME</c>.</summary>
    public string? WorkDir { get; init; }

    /// <summary><c>rules</c> (<c>fakeroot debian/rules binary</c>, the seed's way) or <c>dpkg-buildpackage</c> (<c>-b -uc -us</c>).</summary>
    public string Builder { get; init; } = "rules";

    /// <summary>A build command (argv, run in the tree) instead of <see cref="Builder"/>.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The <c>parallel=N</c> of <c>DEB_BUILD_OPTIONS</c>; null uses the build host's <c>nproc</c>.</summary>
    public int? Parallel { get; init; }

    /// <summary>Adds <c>nocheck</c> to <c>DEB_BUILD_OPTIONS</c> (skip the test suite), as the seed does.</summary>
    public bool Nocheck { get; init; } = true;

    /// <summary>Which produced files to collect, as shell globs on file names (<c>openvswitch-*.deb</c>).</summary>
    public IReadOnlyList<string> Patterns { get; init; } = ["*.deb"];

    /// <summary>Install the tree's build dependencies first (<c>apt-get build-dep</c> on <c>debian/control</c>).</summary>
    public bool BuildDep { get; init; }

    /// <summary>Packages to install before building (the seed's build-essential, fakeroot, debhelper, …).</summary>
    public IReadOnlyList<string>? BuildPackages { get; init; }

    /// <summary>Extra environment for the build command.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>How long the build may take, in seconds.</summary>
    public long Timeout { get; init; } = 7200;
}
