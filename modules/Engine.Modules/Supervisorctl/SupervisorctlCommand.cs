using Converge.Core.Connections;

namespace Converge.Modules.Supervisorctl;

/// <summary>
/// How supervisorctl is run, for the probe and the apply alike: the given <c>supervisorctl_path</c> (which must be an
/// executable file) or the one on PATH, in the C locale (Ansible matches supervisorctl's English replies), with
/// <c>-c</c>, <c>-s</c> and <c>-u</c> as Ansible passes them. Ansible also passes the password as <c>-p PASSWORD</c>,
/// where every user of the host can read it (<c>ps</c>, <c>/proc/PID/cmdline</c>); Converge writes it to standard
/// input instead, and a few lines of Python read it and run supervisorctl's own script in the same process with
/// <c>-p</c> added to its <c>sys.argv</c> only, which never reaches the process's command line.
/// </summary>
public static class SupervisorctlCommand
{
    private const string Script =
        """
        path=$1; pw=$2; shift 2
        if [ -n "$path" ]; then
          [ -f "$path" ] && [ -x "$path" ] || { echo "Provided path to supervisorctl does not exist or isn't executable: $path" >&2; exit 127; }
        else
          path=$(command -v supervisorctl) || { echo "Failed to find required executable \"supervisorctl\" in paths: $PATH" >&2; exit 127; }
        fi
        LANG=C; LC_ALL=C; LC_MESSAGES=C; LC_CTYPE=C; export LANG LC_ALL LC_MESSAGES LC_CTYPE
        [ "$pw" = 1 ] || exec "$path" "$@"
        IFS= read -r first < "$path"
        case $first in
          '#!'*python*) ;;
          *) echo "$path is not a Python script: Converge gives supervisorctl the password only inside Python's supervisorctl, never in its arguments" >&2; exit 127 ;;
        esac
        exec ${first#??} -c 'import runpy, sys
        password = sys.stdin.readline().rstrip("\n")
        sys.argv = [sys.argv[1], "-p", password] + sys.argv[2:]
        runpy.run_path(sys.argv[0], run_name="__main__")' "$path" "$@"
        """;

    /// <summary>The exit status of the script itself when supervisorctl cannot be run (not found, not executable, not Python with a password).</summary>
    public const int NotRunnable = 127;

    /// <summary>supervisorctl with the task's connection options and then <paramref name="action"/>'s words, as a probe or a change.</summary>
    public static CommandSpec For(SupervisorctlParams parameters, CommandKind kind, params string[] action)
    {
        var options = new List<string>();
        Add(options, "-c", parameters.Config);
        Add(options, "-s", parameters.ServerUrl);
        Add(options, "-u", parameters.Username);
        var password = parameters.Password is { } secret && secret.Reveal().Length > 0 ? secret : null;
        return new CommandSpec("/bin/sh", ["-c", Script, "converge-supervisorctl", parameters.SupervisorctlPath ?? string.Empty, password is null ? "0" : "1", .. options, .. action])
        {
            Kind = kind,
            StandardInput = password is null ? null : password.Reveal() + "\n",
        };
    }

    private static void Add(List<string> options, string flag, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            options.AddRange([flag, value]);
        }
    }
}
