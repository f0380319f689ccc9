using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using Converge.Lab.Tests.Hosts;
using Converge.TestKit;

namespace Converge.Lab.Tests.Roles;

/// <summary>
/// The CI part of the corpus's differential run (tests/Corpus/differential-roles.py runs all its roles
/// in ~20 min): two quick roles, each applied by Debian's ansible-playbook to one fresh lab host and by
/// Converge to an identical one, through the same script, so CI and the README's table compare alike.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class DifferentialRolesTests
{
    private static readonly string[] Roles = ["memcached", "haproxy"];

    [LabFact]
    public async Task Ansible_and_converge_leave_the_same_host_rerun_as_no_ops_and_check_finds_no_drift_on_ansible_s_host()
    {
        var json = Path.Combine(Path.GetTempPath(), $"differential-roles-{Environment.ProcessId}.json");
        var script = Path.Combine(RepositoryPaths.Root, "tests", "Corpus", "differential-roles.py");
        var converge = ConvergeProcess.EntryPoint;
        try
        {
            var result = await CliWrap.Cli.Wrap("python3")
                .WithArguments([script, "--converge", converge, "--lab", TestLabs.Named("roles"), "--json", json, .. Roles])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync();
            var output = result.StandardOutput + result.StandardError;

            Assert.True(File.Exists(json), output);
            using var rows = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            Assert.Equal(Roles, rows.RootElement.EnumerateArray().Select(r => r.GetProperty("role").GetString()));
            foreach (var row in rows.RootElement.EnumerateArray())
            {
                Assert.True(row.GetProperty("converge").GetProperty("changed").GetInt32() > 0, output);
                Assert.Equal(row.GetProperty("ansible").GetProperty("changed").GetInt32(), row.GetProperty("converge").GetProperty("changed").GetInt32());
                foreach (var aspect in new[] { "packages", "files", "users", "services" })
                {
                    Assert.True(row.GetProperty("diff").GetProperty(aspect).GetArrayLength() == 0, $"{aspect} differ:\n{output}");
                }

                Assert.True(row.GetProperty("idempotent").GetBoolean(), output);
                Assert.True(row.GetProperty("no_drift").GetBoolean(), output);
            }

            Assert.Equal(0, result.ExitCode);
        }
        finally
        {
            File.Delete(json);
        }
    }
}
