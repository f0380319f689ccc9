using Converge.Core.Modules;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Running;

public sealed class PromptedVariablesTests
{
    [Fact]
    public void A_private_answer_is_redacted_from_the_runs_output_and_a_public_one_is_not()
    {
        using var dir = new TempDirectory();
        dir.Write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        var site = dir.Write("site.yml", """
            - hosts: all
              gather_facts: false
              vars_prompt:
                - name: db_password
                  prompt: Database password
                - name: db_user
                  prompt: Database user
                  private: false
              tasks:
                - probe: {path: /tmp/x}
            """);

        var run = new RunLoader(new ModuleRegistry().Register(new TestModule()), [], new TemplateEngine()).Load(new RunRequest
        {
            Playbook = site,
            Inventories = [Path.Combine(dir.Path, "hosts.yml")],
            Ask = prompt => prompt.Name == "db_password" ? "hunter2-secret" : "app-user",
        });

        Assert.Equal("hunter2-secret", run.PlayVariables[0]["db_password"]);
        Assert.Equal("login app-user with [REDACTED]", run.Secrets.Redact("login app-user with hunter2-secret"));
    }
}
