namespace Converge.Modules.Tests.Differential;

/// <summary>
/// A test that runs Debian's ansible-playbook as the oracle. CI installs it (tests/run.sh: ansible-core);
/// elsewhere the test is reported as skipped with this reason, never passed silently.
/// </summary>
public sealed class AnsibleFactAttribute : FactAttribute
{
    public AnsibleFactAttribute()
    {
        if (!File.Exists("/usr/bin/ansible-playbook"))
        {
            Skip = "needs Debian's ansible-playbook (tests/run.sh installs ansible-core)";
        }
    }
}
