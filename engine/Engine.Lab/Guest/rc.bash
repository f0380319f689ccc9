# Loaded by bash (BASH_ENV) before an init script run through /usr/lib/converge-lab/rc.
# A function named ulimit wins over the builtin; only a refused limit is forgiven.
ulimit() {
    builtin ulimit "$@" 2>/dev/null || {
        echo "converge lab: ulimit $* is not permitted on this machine; ignored" >&2
        return 0
    }
}
