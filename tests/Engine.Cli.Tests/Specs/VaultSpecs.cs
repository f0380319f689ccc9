using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>
/// Vault, against the real <c>ansible-vault</c> (Debian's ansible-core, installed by tests/run.sh): each
/// tool opens what the other encrypted, and a playbook run with vaulted vars never prints a plaintext.
/// </summary>
public sealed class VaultSpecs
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task What_converge_encrypts_ansible_vault_decrypts()
    {
        using var workspace = new Workspace();
        var passwordFile = workspace.Write("pw", Password + "\n");
        var file = workspace.Write("secrets.yml", "api_token: tok-from-converge\n");

        var encrypt = await ConvergeProcess.RunAsync("vault", "encrypt", file, "--vault-password-file", passwordFile);
        var view = await AnsibleVaultAsync("view", file, "--vault-password-file", passwordFile);

        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
        Assert.StartsWith("$ANSIBLE_VAULT;1.1;AES256\n", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal("api_token: tok-from-converge\n", view);
    }

    [Fact]
    public async Task What_ansible_vault_encrypts_converge_decrypts_with_vault_ids()
    {
        using var workspace = new Workspace();
        var devPassword = workspace.Write("dev.pw", "dev-password\n");
        var file = workspace.Write("secrets.yml", "api_token: tok-from-ansible\n");
        await AnsibleVaultAsync("encrypt", file, "--vault-id", $"dev@{devPassword}");

        var view = await ConvergeProcess.RunAsync("vault", "view", file, "--vault-id", $"dev@{devPassword}");
        var decrypt = await ConvergeProcess.RunAsync("vault", "decrypt", file, "--vault-id", $"dev@{devPassword}");

        Assert.True(view.ExitCode == 0, view.ToString());
        Assert.Equal("api_token: tok-from-ansible\n", view.Stdout);
        Assert.True(decrypt.ExitCode == 0, decrypt.ToString());
        Assert.Equal("api_token: tok-from-ansible\n", File.ReadAllText(file));
    }

    [Fact]
    public async Task An_encrypt_string_value_from_either_tool_is_read_by_the_other()
    {
        using var workspace = new Workspace();
        var passwordFile = workspace.Write("pw", Password + "\n");

        var ours = await ConvergeProcess.RunAsync("vault", "encrypt_string", "s3cret-ours", "--name", "db_password", "--vault-password-file", passwordFile);
        var theirs = await AnsibleVaultAsync("encrypt_string", "s3cret-theirs", "--name", "db_password", "--vault-password-file", passwordFile);
        var oursFile = workspace.Write("ours.yml", ours.Stdout);
        var theirsFile = workspace.Write("theirs.yml", theirs);

        var ansibleReadsOurs = await CliWrap.Cli.Wrap("ansible").WithArguments(["localhost", "-m", "debug", "-a", "var=db_password", "-e", "@" + oursFile, "--vault-password-file", passwordFile])
            .WithEnvironmentVariables(new Dictionary<string, string?> { ["ANSIBLE_LOCALHOST_WARNING"] = "false", ["ANSIBLE_INVENTORY_UNPARSED_WARNING"] = "false" })
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        var convergeReadsTheirs = await ConvergeProcess.RunAsync("inventory", "-i", workspace.Write("hosts.yml", "all:\n  hosts:\n    h1:\n"), "--host", "h1");

        Assert.True(ours.ExitCode == 0, ours.ToString());
        Assert.StartsWith("db_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n", ours.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"db_password\": \"s3cret-ours\"", ansibleReadsOurs.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, convergeReadsTheirs.ExitCode);
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              vars_files: [theirs.yml]
              tasks:
                - name: the secret into a file
                  copy:
                    content: "{{ db_password }}"
                    dest: "{{ example_root }}/out"
            """);
        var apply = await workspace.RunAsync("apply", playbook, "--vault-password-file", passwordFile);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal("s3cret-theirs", File.ReadAllText(workspace.PathOf("out")));
    }

    [Fact]
    public async Task A_run_with_vaulted_vars_files_and_values_never_prints_a_plaintext()
    {
        using var workspace = new Workspace();
        var passwordFile = workspace.Write("pw", Password + "\n");
        var secrets = workspace.Write("secrets.yml", "api_token: tok-VERY-SECRET-1\n");
        await AnsibleVaultAsync("encrypt", secrets, "--vault-password-file", passwordFile);
        var inline = await AnsibleVaultAsync("encrypt_string", "db-VERY-SECRET-2", "--name", "db_password", "--vault-password-file", passwordFile);
        workspace.Write("inventory/hosts.yml", "all:\n  hosts:\n    localhost:\n      ansible_connection: local\n");
        workspace.Write("inventory/group_vars/all.yml", inline);
        workspace.Write("out", "old\n");
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              vars_files: [secrets.yml]
              tasks:
                - name: the secrets into a file
                  copy:
                    content: "token={{ api_token }} db={{ db_password }}\n"
                    dest: "{{ root }}/out"
            """);
        string[] common = [playbook, "-i", workspace.PathOf("inventory"), "-e", $"root={workspace.Root}", "-e", $"converge_state_dir={workspace.StateDirectory}", "--vault-password-file", passwordFile];

        var check = await ConvergeProcess.RunAsync(["check", .. common, "--report", workspace.PathOf("check.json")]);
        var apply = await ConvergeProcess.RunAsync(["apply", .. common, "--diff", "-v", "--report", workspace.PathOf("apply.json")]);
        var inventory = await ConvergeProcess.RunAsync("inventory", "-i", workspace.PathOf("inventory"), "--list", "--vault-password-file", passwordFile);

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal("token=tok-VERY-SECRET-1 db=db-VERY-SECRET-2\n", File.ReadAllText(workspace.PathOf("out")));
        Assert.Contains("[REDACTED]", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", inventory.Stdout, StringComparison.Ordinal);
        foreach (var printed in new[] { check.Stdout, check.Stderr, apply.Stdout, apply.Stderr, inventory.Stdout, File.ReadAllText(workspace.PathOf("check.json")), File.ReadAllText(workspace.PathOf("apply.json")) })
        {
            Assert.DoesNotContain("VERY-SECRET", printed, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, printed, StringComparison.Ordinal);
        }

        Assert.Equal("check", JsonDocument.Parse(File.ReadAllText(workspace.PathOf("check.json"))).RootElement.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task A_vaulted_file_without_its_password_is_a_located_error_and_nothing_runs()
    {
        using var workspace = new Workspace();
        var passwordFile = workspace.Write("pw", Password + "\n");
        var wrongFile = workspace.Write("wrong", "not the password\n");
        var secrets = workspace.Write("secrets.yml", "api_token: x\n");
        await AnsibleVaultAsync("encrypt", secrets, "--vault-password-file", passwordFile);
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              vars_files: [secrets.yml]
              tasks:
                - name: a file
                  copy:
                    content: "{{ api_token }}"
                    dest: "{{ example_root }}/out"
            """);

        var none = await workspace.RunAsync("apply", playbook);
        var wrong = await workspace.RunAsync("apply", playbook, "--vault-password-file", wrongFile);
        var missing = await workspace.RunAsync("apply", playbook, "--vault-password-file", workspace.PathOf("nope"));

        Assert.Equal(1, none.ExitCode);
        Assert.Contains($"{secrets}:1:1: error: file {secrets} is vaulted, but no vault password was given", none.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains($"{secrets}:1:1: error: file {secrets} is vaulted, and no given password opens it (tried default ({wrongFile}))", wrong.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"vault password file {workspace.PathOf("nope")} does not exist", missing.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf("out")));
    }

    [Fact]
    public async Task Ask_vault_pass_without_a_terminal_is_a_clear_error()
    {
        using var workspace = new Workspace();

        var outcome = await workspace.RunAsync("validate", Workspace.Example("copy.yml"), "--ask-vault-pass");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("a vault password prompt needs a terminal", outcome.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> AnsibleVaultAsync(params string[] arguments)
    {
        var result = await CliWrap.Cli.Wrap("ansible-vault").WithArguments(arguments).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.True(result.ExitCode == 0, $"ansible-vault {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput;
    }
}
