namespace Converge.Modules.BuildDeb;

/// <summary>The shell scripts <c>build-deb</c> runs on the build host; arguments are passed as <c>$1…</c>, never spliced in.</summary>
public static class BuildScripts
{
    /// <summary>
    /// A fresh tree in WORK/tree (a copy of the source, or the extracted tarball), with the old stamp and
    /// any file matching the patterns removed, so a failed build cannot leave stale packages to collect.
    /// Args: work, src, tarball, strip, patterns…
    /// </summary>
    public const string Prepare =
        """
        work=$1; src=$2; tarball=$3; strip=$4; shift 4
        mkdir -p "$work" && cd "$work" || exit 1
        rm -rf tree converge-build.json || exit 1
        for g in "$@"; do
          # The pattern is a glob on purpose; set -f is off and the names stay inside the work folder.
          rm -f -- $g || exit 1
        done
        mkdir tree || exit 1
        if [ -n "$src" ]; then cp -a -- "$src/." tree/ || exit 2
        else tar -xf "$tarball" -C tree --strip-components="$strip" || exit 3
        fi
        """;

    /// <summary>
    /// Runs the build command in WORK/tree with DEB_BUILD_OPTIONS (parallel=N from the host's nproc unless
    /// given, nocheck on request; see Debian Policy 4.9.1). Args: tree, parallel, nocheck, command…
    /// </summary>
    public const string Build =
        """
        cd "$1" || exit 1; par=$2; nocheck=$3; shift 3
        [ -n "$par" ] || par=$(nproc)
        opts="parallel=$par"; [ "$nocheck" = 1 ] && opts="$opts nocheck"
        DEB_BUILD_OPTIONS="$opts" exec "$@"
        """;

    /// <summary>
    /// Lists the produced files matching the patterns in WORK: name, sha256, package, version and
    /// architecture, tab-separated. Args: work, patterns…
    /// </summary>
    public const string Collect =
        """
        cd "$1" || exit 1; shift
        for g in "$@"; do
          for f in $g; do
            [ -f "$f" ] || continue
            sum=$(sha256sum < "$f") || exit 2
            fields=$(dpkg-deb --show --showformat='${Package}\t${Version}\t${Architecture}' "$f") || exit 3
            printf '%s\t%s\t%s\n' "$f" "${sum%% *}" "$fields"
          done
        done
        """;
}
