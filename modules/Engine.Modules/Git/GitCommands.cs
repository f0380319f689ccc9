using System.Globalization;
using Converge.Core.Connections;

namespace Converge.Modules.Git;

/// <summary>The git commands of a clone or an update, following Ansible's clone, fetch and switch_version.</summary>
public static class GitCommands
{
    public static IReadOnlyList<CommandSpec> Clone(GitParams parameters, GitState state)
    {
        var arguments = new List<string> { "clone", "--origin", parameters.Remote };
        if (parameters.Depth is { } depth)
        {
            arguments.AddRange(["--depth", depth.ToString(CultureInfo.InvariantCulture)]);
        }

        if (parameters.Bare)
        {
            arguments.Add("--bare");
        }

        if (parameters.SingleBranch)
        {
            arguments.Add("--single-branch");
        }

        if (state.Kind is "branch" or "tag" && parameters.Version != "HEAD")
        {
            arguments.AddRange(["--branch", parameters.Version]);
        }

        arguments.AddRange(["--", parameters.Repo, parameters.Dest]);
        var commands = new List<CommandSpec> { GitEnvironment.Git(parameters, [.. arguments]) };
        if (state.Kind == "commit" && !parameters.Bare)
        {
            commands.Add(InCheckout(parameters, "checkout", "--force", parameters.Version));
        }

        commands.AddRange(Submodules(parameters));
        return commands;
    }

    public static IReadOnlyList<CommandSpec> Update(GitParams parameters, GitState state)
    {
        var commands = new List<CommandSpec>();
        if (state.Dirty && parameters.Force)
        {
            commands.Add(InCheckout(parameters, "reset", "--hard", "HEAD", "--"));
        }

        if (state.RemoteUrl != parameters.Repo)
        {
            commands.Add(state.RemoteUrl is null
                ? InCheckout(parameters, "remote", "add", parameters.Remote, parameters.Repo)
                : InCheckout(parameters, "remote", "set-url", parameters.Remote, parameters.Repo));
        }

        var fetch = new List<string> { "fetch" };
        if (parameters.Depth is { } depth)
        {
            fetch.AddRange(["--depth", depth.ToString(CultureInfo.InvariantCulture)]);
        }

        var remote = parameters.Remote;
        fetch.AddRange(["--force", remote, $"+refs/heads/*:refs/{(parameters.Bare ? "heads" : "remotes/" + remote)}/*", "+refs/tags/*:refs/tags/*"]);
        commands.Add(InCheckout(parameters, [.. fetch]));
        if (parameters.Bare)
        {
            return commands;
        }

        // Ansible's switch_version: a branch is checked out (created tracking the remote one if new) and reset to
        // the remote branch; HEAD is the remote's default branch; a tag or commit is checked out detached.
        var branch = parameters.Version == "HEAD" ? state.Branch : state.Kind == "branch" ? parameters.Version : null;
        if (branch is not null)
        {
            commands.Add(InCheckout(parameters, "checkout", "--force", "-B", branch, $"{remote}/{branch}"));
        }
        else
        {
            commands.Add(InCheckout(parameters, "checkout", "--force", parameters.Version == "HEAD" ? state.Target! : parameters.Version));
        }

        commands.AddRange(Submodules(parameters));
        return commands;
    }

    private static IEnumerable<CommandSpec> Submodules(GitParams parameters) =>
        parameters.Recursive && !parameters.Bare
            ? [CommandSpec.Change("/bin/sh", "-c", "[ ! -f \"$1/.gitmodules\" ] || exec \"$2\" -C \"$1\" submodule update --init --recursive", "converge-git-submodules", parameters.Dest, parameters.Executable ?? "git")]
            : [];

    private static CommandSpec InCheckout(GitParams parameters, params string[] arguments) =>
        GitEnvironment.Git(parameters, ["-C", parameters.Dest, .. arguments]);
}
