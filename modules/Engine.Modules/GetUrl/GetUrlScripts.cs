namespace Converge.Modules.GetUrl;

/// <summary>The shell the host runs for <c>get_url</c>; curl reads the request (URL, headers, credentials) from standard input.</summary>
public static class GetUrlScripts
{
    /// <summary>
    /// A read-only probe: the sha256 of what the URL serves now, to compare with the file (force: true). Nothing is
    /// written on the host: the body streams into sha256sum and curl's status code goes to stderr (<c>%{stderr}</c>).
    /// </summary>
    public const string RemoteSum =
        """
        command -v curl >/dev/null || { echo "get_url needs curl on the host" >&2; exit 9; }
        exec 3>&1
        code=$( { curl --config - -o - -w '%{stderr}%{http_code}' | sha256sum | cut -d' ' -f1 >&3; } 2>&1 )
        case $code in *2[0-9][0-9]) ;; *) echo "request failed: $code" >&2; exit 4;; esac
        """;

    /// <summary>
    /// The download: into a temporary file beside <c>dest</c>, verified against the checksum, then moved into
    /// place (atomic: a failed or partial download never replaces the file), keeping an existing file's mode or
    /// giving a new one the umask's. Prints <c>STATUS SHA1 SIZE OLD-SHA1</c> (<c>-</c> for a new file).
    /// </summary>
    public const string Download =
        """
        dest=$1; algo=$2; want=$3; backup=$4
        command -v curl >/dev/null || { echo "get_url needs curl on the host" >&2; exit 9; }
        tmp=$(mktemp -p "$(dirname -- "$dest")" .converge-get_url.XXXXXX) || exit 2
        trap 'rm -f "$tmp"' EXIT
        code=$(curl --config - -o "$tmp" -w '%{http_code}') || exit 3
        case $code in 2*) ;; *) echo "HTTP Error $code" >&2; exit 4;; esac
        if [ -n "$algo" ]; then
          got=$(${algo}sum < "$tmp" | cut -d' ' -f1)
          [ "$got" = "$want" ] || { echo "The checksum for $dest did not match $want; it was $got." >&2; exit 5; }
        fi
        old=-
        if [ -e "$dest" ]; then
          old=$(sha1sum < "$dest" | cut -d' ' -f1)
          chmod --reference="$dest" -- "$tmp" || exit 6
          [ "$backup" = 1 ] && { cp -p -- "$dest" "$dest.$$.$(date +%Y-%m-%d@%H:%M:%S)~" || exit 7; }
        else
          chmod "$(printf '%o' $((0666 & ~$(umask))))" -- "$tmp" || exit 6
        fi
        mv -f -- "$tmp" "$dest" || exit 8
        trap - EXIT
        echo "$code $(sha1sum < "$dest" | cut -d' ' -f1) $(stat -c %s -- "$dest") $old"
        """;
}
