using Converge.Core.Connections;

namespace Converge.Modules.Git;

/// <summary>
/// How git runs on the host: with <c>GIT_SSH_COMMAND</c> from Ansible's accept_hostkey, accept_newhostkey,
/// key_file and ssh_opts, set by a shell wrapper so it works over every transport.
/// </summary>
public static class GitEnvironment
{
    private const string Wrapper = "[ -n \"$1\" ] && export GIT_SSH_COMMAND=\"$1\"; shift; exec \"$@\"";

    /// <summary>The ssh command line, or "" for git's default.</summary>
    public static string SshCommand(GitParams parameters)
    {
        var words = new List<string> { "ssh" };
        if (parameters.AcceptHostkey)
        {
            words.AddRange(["-o", "StrictHostKeyChecking=no"]);
        }

        if (parameters.AcceptNewhostkey)
        {
            words.AddRange(["-o", "StrictHostKeyChecking=accept-new"]);
        }

        if (parameters.KeyFile is { } key)
        {
            words.AddRange(["-i", key, "-o", "IdentitiesOnly=yes"]);
        }

        if (words.Count == 1 && parameters.SshOpts is null)
        {
            return string.Empty;
        }

        return ShellQuote.Join(words) + (parameters.SshOpts is { } opts ? " " + opts : string.Empty);
    }

    /// <summary>A git command (kind Change) in the checkout, with the ssh command set.</summary>
    public static CommandSpec Git(GitParams parameters, params string[] arguments) =>
        CommandSpec.Change("/bin/sh", ["-c", Wrapper, "converge-git", SshCommand(parameters), parameters.Executable ?? "git", .. arguments])
            with { Timeout = TimeSpan.FromMinutes(30) };
}
