using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>
/// The magic variables a host sees (play hosts, the serial batch, check and diff mode, the version, groups), each
/// host writing them to a file, compared with what Ansible 2.14 wrote for the same playbook and inventory
/// (<c>MagicVariables/record.sh</c> re-records it).
/// </summary>
public sealed class MagicVariableSpecs
{
    [Fact]
    public async Task Each_host_sees_the_magic_variables_Ansible_gives_it_batches_included()
    {
        await AnsibleRecording.AssertConvergeWritesTheSameAsync("MagicVariables", "magic-variables.recorded.txt", 3, "--diff");
    }
}
