using System.CommandLine;
using Converge.Core.Graph;
using Converge.Core.Playbooks.Configuration;
using Converge.Core.Running;

namespace Converge.Cli.Commands.Common;

/// <summary>The arguments every playbook verb shares: PLAYBOOK, -i, -e, --limit, --tags, --skip-tags.</summary>
internal sealed class PlaybookOptions
{
    public Argument<string> Playbook { get; } = new("PLAYBOOK") { Description = "The playbook file." };

    public Option<string[]> Inventory { get; } = new("--inventory", "-i")
    {
        Description = "An inventory file or directory (repeatable); default: ansible.cfg's inventory.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> ExtraVars { get; } = new("--extra-vars", "-e") { Description = "key=value, @file.yml or inline JSON (repeatable; highest precedence)." };

    public Option<string?> Limit { get; } = new("--limit", "-l") { Description = "A host pattern that further limits every play." };

    public Option<string[]> Tags { get; } = new("--tags", "-t") { Description = "Run only tasks with these tags (comma-separated or repeated)." };

    public Option<string[]> SkipTags { get; } = new("--skip-tags") { Description = "Skip tasks with these tags." };

    public Option<string[]> RolesPath { get; } = new("--roles-path", "-r") { Description = "A folder roles are looked up in, after the playbook's roles/ (repeatable; before ansible.cfg's roles_path)." };

    public VaultOptions Vault { get; } = new();

    public void AddTo(Command command)
    {
        Vault.AddTo(command);
        command.Arguments.Add(Playbook);
        command.Options.Add(Inventory);
        command.Options.Add(ExtraVars);
        command.Options.Add(Limit);
        command.Options.Add(Tags);
        command.Options.Add(SkipTags);
        command.Options.Add(RolesPath);
    }

    /// <summary>The ansible.cfg in effect (read once); its warnings are printed when first read.</summary>
    public AnsibleConfig Config
    {
        get
        {
            if (_config is null)
            {
                _config = AnsibleConfig.Find(Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable);
                foreach (var (line, message) in _config.Warnings)
                {
                    Console.Error.WriteLine($"{_config.Path}:{line}: warning: {message}");
                }
            }

            return _config;
        }
    }

    private AnsibleConfig? _config;

    public RunRequest Request(ParseResult result)
    {
        // ansible.cfg supplies what the command line leaves out, as with ansible-playbook.
        var config = Config;
        var inventories = result.GetValue(Inventory) is { Length: > 0 } given ? given : [.. config.Inventory];
        return Request(result, config, inventories);
    }

    private RunRequest Request(ParseResult result, AnsibleConfig config, string[] inventories) => new()
    {
        Playbook = result.GetValue(Playbook)!,
        Inventories = inventories,
        RolesPath = [.. result.GetValue(RolesPath) ?? [], .. config.RolesPath],
        ExtraVars = result.GetValue(ExtraVars) ?? [],
        Limit = result.GetValue(Limit),
        Filter = new TaskFilter(Split(result.GetValue(Tags)), Split(result.GetValue(SkipTags))),
        Vault = Vault.Keyring(result),
        Ask = TerminalPrompt.Ask,
        HostDefaults = config.HostDefaults,
    };

    private static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
