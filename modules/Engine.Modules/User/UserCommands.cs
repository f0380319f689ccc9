using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Modules.Accounts;

namespace Converge.Modules.User;

/// <summary>The shadow-tool commands that take a user from one state to another, as Ansible's user module issues them.</summary>
public static class UserCommands
{
    public static CommandSpec Delete(UserParams parameters, AccountLayout layout)
    {
        var arguments = new List<string>(layout.PrefixArguments);
        if (parameters.Remove)
        {
            arguments.Add("--remove");
        }

        if (parameters.Force)
        {
            arguments.Add("--force");
        }

        arguments.Add(parameters.Name);
        return new CommandSpec("userdel", arguments);
    }

    public static CommandSpec Create(UserParams parameters, UserState desired, AccountEntries entries, AccountLayout layout)
    {
        var arguments = new List<string>(layout.PrefixArguments);
        Add(arguments, "--uid", desired.Uid);
        if (desired.Group is { } group)
        {
            arguments.AddRange(["--gid", group]);
        }
        else if (entries.Group(parameters.Name) is not null)
        {
            // As Ansible: a group named like the user already exists, so useradd must not try to create it (USERGROUPS_ENAB).
            arguments.Add("--no-user-group");
        }

        Add(arguments, "--groups", desired.Groups is { Length: > 0 } groups ? groups : null);
        Add(arguments, "--shell", desired.Shell);
        Add(arguments, "--home-dir", desired.Home);
        Add(arguments, "--comment", desired.Comment);
        arguments.Add(parameters.CreateHome ? "--create-home" : "--no-create-home");
        if (parameters.System)
        {
            arguments.Add("--system");
        }

        if (parameters.NonUnique)
        {
            arguments.Add("--non-unique");
        }

        arguments.Add(parameters.Name);
        return new CommandSpec("useradd", arguments);
    }

    /// <summary>usermod for the differing properties other than the password and the key; null when none differ.</summary>
    public static CommandSpec? Modify(UserParams parameters, StateDifference<UserState> difference, AccountLayout layout)
    {
        var desired = difference.Desired;
        var arguments = new List<string>(layout.PrefixArguments);
        if (difference.Differs("uid"))
        {
            arguments.AddRange(["--uid", desired.Uid!]);
            if (parameters.NonUnique)
            {
                arguments.Add("--non-unique");
            }
        }

        if (difference.Differs("group"))
        {
            arguments.AddRange(["--gid", desired.Group!]);
        }

        if (difference.Differs("groups"))
        {
            arguments.AddRange(["--groups", desired.Groups!]);
        }

        if (difference.Differs("shell"))
        {
            arguments.AddRange(["--shell", desired.Shell!]);
        }

        if (difference.Differs("home"))
        {
            arguments.AddRange(["--home", desired.Home!]);
            if (parameters.MoveHome)
            {
                arguments.Add("--move-home");
            }
        }

        if (difference.Differs("comment"))
        {
            arguments.AddRange(["--comment", desired.Comment!]);
        }

        if (arguments.Count == layout.PrefixArguments.Count)
        {
            return null;
        }

        arguments.Add(parameters.Name);
        return new CommandSpec("usermod", arguments);
    }

    /// <summary>chpasswd with the hash on standard input: a hash is a secret and never goes into argv.</summary>
    public static CommandSpec Password(UserParams parameters, AccountLayout layout) =>
        new("chpasswd", layout.Prefix.Length == 0 ? ["--encrypted"] : ["--encrypted", "--root", layout.Prefix])
        {
            StandardInput = $"{parameters.Name}:{parameters.Password!.Reveal()}\n",
        };

    public static CommandSpec Lock(UserParams parameters, bool locked, AccountLayout layout) =>
        new("usermod", [.. layout.PrefixArguments, locked ? "--lock" : "--unlock", parameters.Name]);

    private static void Add(List<string> arguments, string option, string? value)
    {
        if (value is not null)
        {
            arguments.AddRange([option, value]);
        }
    }
}
