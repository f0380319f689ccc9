using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Pip;

/// <summary>
/// One probe: which pip Ansible's module would run (the given executable; else the virtualenv's <c>bin/pip3</c> or
/// <c>bin/pip</c>; else <c>python3 -m pip</c> when python3 has pip, else <c>pip3</c>) and what it lists as installed
/// (<c>pip list --format=freeze</c>, falling back to <c>pip freeze</c> for an old pip). A virtualenv without
/// <c>bin/activate</c> does not exist yet, so nothing is listed.
/// </summary>
public sealed class PipEnvironmentFact(string? virtualenv, string? executable, string chdir) : Fact<PipEnvironment>
{
    private const string Script =
        """
        env=$1; exe=$2
        cd "$3" 2>/dev/null || cd /
        if [ -n "$env" ]; then
          [ -e "$env/bin/activate" ] || { echo "venv=no"; exit 0; }
          echo "venv=yes"
          for b in pip3 pip; do [ -x "$env/bin/$b" ] && { set -- "$env/bin/$b"; break; }; done
          [ "$1" = "$env" ] && { echo "Unable to find pip in the virtualenv, $env, under any of these names: pip3, pip. Make sure pip is present in the virtualenv." >&2; exit 3; }
        elif [ -n "$exe" ]; then
          case $exe in
            /*) set -- "$exe" ;;
            *) p=$(command -v "$exe") || { echo "Unable to find any of $exe to use.  pip needs to be installed." >&2; exit 3; }; set -- "$p" ;;
          esac
        elif python3 -c 'import pip' >/dev/null 2>&1; then
          set -- "$(command -v python3)" -m pip
        elif p=$(command -v pip3); then
          set -- "$p"
        else
          echo "Unable to find any of pip3 to use.  pip needs to be installed." >&2; exit 3
        fi
        for a in "$@"; do echo "pip=$a"; done
        echo "#list"
        LC_ALL=C.UTF-8 "$@" list --format=freeze --disable-pip-version-check 2>/dev/null || "$@" freeze
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-pip", virtualenv ?? string.Empty, executable ?? string.Empty, chdir)
        with { Timeout = TimeSpan.FromMinutes(2) };

    public override PipEnvironment Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException(result.Stderr.Trim() is { Length: > 0 } why ? why : "cannot run pip on the host", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        bool? venv = null;
        var pip = new List<string>();
        var installed = new Dictionary<string, string>(StringComparer.Ordinal);
        var listing = false;
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (listing)
            {
                var at = line.IndexOf("==", StringComparison.Ordinal);
                if (at > 0)
                {
                    installed[PipRequirement.Canonical(line[..at].Trim())] = line[(at + 2)..].Trim();
                }
            }
            else if (line == "#list")
            {
                listing = true;
            }
            else if (line.StartsWith("venv=", StringComparison.Ordinal))
            {
                venv = line == "venv=yes";
            }
            else if (line.StartsWith("pip=", StringComparison.Ordinal))
            {
                pip.Add(line[4..]);
            }
        }

        return new PipEnvironment(virtualenv is null ? null : venv, pip, installed);
    }
}
