using Converge.Core.Diagnostics;
using Converge.Modules.Pip;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Pip;

/// <summary>
/// <c>pip</c> with Debian's python3-venv and python3-pip: a throwaway virtualenv under the test's folder, packages from
/// wheels the test makes (<c>--no-index --find-links</c>, no index contacted), and Debian's system pip refusing to
/// install (PEP 668) as it does under Ansible. The machine's own site-packages are never written.
/// </summary>
public sealed class PipModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly PipModule _module = new();

    public PipModuleTests()
    {
        PipWheel.Write(_host.PathOf("wheels"), "1.0");
        PipWheel.Write(_host.PathOf("wheels"), "2.0");
    }

    public void Dispose() => _host.Dispose();

    /// <summary>pip takes the index options only for installs (as under Ansible, extra_args go to uninstall too).</summary>
    private PipParams InVenv(string name, string state = "present") => new()
    {
        Name = [name],
        State = state,
        Virtualenv = _host.PathOf("venv"),
        VirtualenvCommand = "/usr/bin/python3 -m venv",
        ExtraArgs = state == "absent" ? null : $"--no-index --find-links {_host.PathOf("wheels")}",
    };

    [Fact]
    public async Task A_virtualenv_is_made_and_a_pinned_package_installed_then_upgraded_and_removed_each_then_in_sync()
    {
        var pinned = InVenv("converge-demo==1.0");

        var check = await _host.CheckAsync(_module, pinned);
        Assert.False(Directory.Exists(_host.PathOf("venv")));
        await _host.ConvergeAsync(_module, pinned);
        var installed = await _host.CheckAsync(_module, pinned);
        var (upgrade, _) = await _host.ConvergeAsync(_module, InVenv("converge-demo>=2"));
        var upgraded = await _host.CheckAsync(_module, InVenv("converge-demo>=2"));
        var (remove, removal) = await _host.ConvergeAsync(_module, InVenv("converge-demo", "absent"));
        var removed = await _host.CheckAsync(_module, InVenv("converge-demo", "absent"));

        Assert.Equal(
            [$"virtualenv {_host.PathOf("venv")}: absent → created", "pip converge-demo: not installed → converge-demo==1.0"],
            check.Changes.Select(c => c.ToString()));
        Assert.False(installed.IsDrift, installed.Reason);
        Assert.Equal("converge-demo 1.0 is installed", installed.Reason);
        Assert.Equal("pip converge-demo: 1.0 → converge-demo>=2", Assert.Single(upgrade.Changes).ToString());
        Assert.Equal("converge-demo 2.0 is installed", upgraded.Reason);
        Assert.Equal("pip converge-demo: 2.0 → absent", Assert.Single(remove.Changes).ToString());
        Assert.Contains("Successfully uninstalled converge-demo", (string)removal!.Output["stdout"]!);
        Assert.Equal("converge-demo is not installed", removed.Reason);
    }

    [Fact]
    public async Task Debian_s_system_pip_refuses_outside_a_virtualenv_and_the_task_fails_with_pip_s_message_as_under_Ansible()
    {
        Assert.True(File.Exists("/usr/lib/python3.11/EXTERNALLY-MANAGED"), "this test needs Debian 12's externally managed python3 (PEP 668), else pip would write the system site-packages");
        var system = new PipParams { Name = ["converge-demo"], Executable = "/usr/bin/pip3", ExtraArgs = $"--no-index --find-links {_host.PathOf("wheels")}" };

        var plan = await _host.CheckAsync(_module, system);
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, system));

        Assert.Equal("pip converge-demo: not installed → present", Assert.Single(plan.Changes).ToString());
        Assert.Contains("externally-managed-environment", error.Message);
        Assert.Contains("/usr/bin/pip3 install --no-index", error.Message);
    }

    [Theory]
    [InlineData("flask", null, "flask", false)]
    [InlineData("Flask_Login>=0.6,<1", "0.6.3", "flask-login", true)]
    [InlineData("requests[socks]==2.31.*", "2.31.0", "requests", true)]
    [InlineData("requests==2.31.*", "2.32.0", "requests", false)]
    [InlineData("django~=4.2.1", "4.2.9", "django", true)]
    [InlineData("django~=4.2.1", "4.3.0", "django", false)]
    [InlineData("/srv/pkgs/demo-1.0.tar.gz", null, null, false)]
    public void Requirements_parse_like_pip_and_versions_compare_by_release(string text, string? installed, string? name, bool satisfied)
    {
        var requirement = PipRequirement.Parse(text);

        Assert.Equal(name, requirement.Name);
        if (installed is not null)
        {
            Assert.Equal(satisfied, requirement.IsSatisfiedBy(installed));
        }
    }

    [Fact]
    public void Version_joins_the_name_as_Ansible_s_Package_does_and_the_commands_are_Ansible_s()
    {
        var parameters = new PipParams { Name = ["supervisor"], Version = "4.2.5", Virtualenv = "/opt/venv", VirtualenvSitePackages = true, ExtraArgs = "--no-cache-dir", State = "forcereinstall" };

        Assert.Equal("supervisor==4.2.5", Assert.Single(PipPlanner.Requirements(parameters)).Text);
        Assert.Equal("supervisor>=4", Assert.Single(PipPlanner.Requirements(parameters with { Version = ">=4" })).Text);
        Assert.Equal(["/opt/venv/bin/pip", "install", "-U", "--force-reinstall", "--no-cache-dir", "supervisor==4.2.5"], PipModule.PipCommand(parameters, ["/opt/venv/bin/pip"]));
        Assert.Equal(["virtualenv", "--system-site-packages", "-ppython3", "/opt/venv"], PipModule.VirtualenvCommand(parameters, "/opt/venv"));
        Assert.Equal(["python3", "-m", "venv", "/opt/venv"], PipModule.VirtualenvCommand(parameters with { VirtualenvCommand = "python3 -m venv", VirtualenvSitePackages = false }, "/opt/venv"));
    }

    [Theory]
    [InlineData("{ name: supervisor, version: 4.2.5 }", null)]
    [InlineData("{ state: present }", "one of the following is required: name, requirements")]
    [InlineData("{ name: a, requirements: r.txt }", "parameters are mutually exclusive: name|requirements")]
    [InlineData("{ name: a, executable: pip3, virtualenv: /opt/v }", "parameters are mutually exclusive: executable|virtualenv")]
    [InlineData("{ name: a, version: 1, state: latest }", "version is incompatible with state=latest")]
    [InlineData("{ name: [a, b], version: 1 }", "'version' argument is ambiguous")]
    [InlineData("{ name: a, virtualenv: /v, virtualenv_command: python3 -m venv, virtualenv_python: python3.11 }", "virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command")]
    [InlineData("{ name: a, state: installed }", "state must be one of present, absent, latest, forcereinstall, not 'installed'")]
    public void Params_are_Ansible_s(string yaml, string? message) =>
        ValidationProbe.AssertProblem(_module, yaml, message);
}
