using Converge.Core.Connections;
using Converge.Modules.Npm;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Npm;

/// <summary>
/// <c>npm</c> with Debian's npm and a package tarball the test packs (<c>npm pack</c>), so no registry is asked: a
/// project's dependencies installed from package.json, and a global package under a private prefix (<c>executable:
/// npm --prefix DIR</c>) removed again; each check → apply → check. The machine's global prefix is never written.
/// </summary>
public sealed class NpmModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly NpmModule _module = new();

    public void Dispose() => _host.Dispose();

    private async Task<string> PackAsync()
    {
        var source = Directory.CreateDirectory(_host.PathOf("src/converge-demo")).FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "package.json"), "{ \"name\": \"converge-demo\", \"version\": \"1.0.0\", \"license\": \"MIT\" }\n");
        await File.WriteAllTextAsync(Path.Combine(source, "index.js"), "module.exports = 1;\n");
        var packed = await new LocalConnection("localhost").RunAsync(new CommandSpec("npm", ["pack", "--silent", "--pack-destination", _host.PathOf("src"), source]) { WorkingDirectory = source }, CancellationToken.None);
        Assert.True(packed.Succeeded, packed.Stderr);
        return _host.PathOf("src/converge-demo-1.0.0.tgz");
    }

    [Fact]
    public async Task A_project_s_dependencies_are_installed_once_then_in_sync()
    {
        var tarball = await PackAsync();
        var project = Directory.CreateDirectory(_host.PathOf("app")).FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "package.json"), $"{{ \"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {{ \"converge-demo\": \"file:{tarball}\" }} }}\n");
        var parameters = new NpmParams { Path = project, Executable = "npm --offline --no-audit --no-fund" };

        var check = await _host.CheckAsync(_module, parameters);
        Assert.False(Directory.Exists(Path.Combine(project, "node_modules")));
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal("npm converge-demo: missing → installed", Assert.Single(check.Changes).ToString());
        Assert.True(File.Exists(Path.Combine(project, "node_modules/converge-demo/index.js")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task A_global_package_under_a_private_prefix_is_removed_by_absent_then_in_sync()
    {
        var tarball = await PackAsync();
        var prefix = _host.PathOf("global");
        var executable = $"npm --offline --no-audit --no-fund --prefix {prefix}";
        var installed = await new LocalConnection("localhost").RunAsync(new CommandSpec("npm", ["--offline", "--prefix", prefix, "install", "--global", tarball]), CancellationToken.None);
        Assert.True(installed.Succeeded, installed.Stderr);
        var parameters = new NpmParams { Name = "converge-demo", Global = true, State = "absent", Executable = executable };

        var present = await _host.CheckAsync(_module, parameters with { State = "present" });
        var (remove, _) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.False(present.IsDrift, present.Reason);
        Assert.Equal("npm converge-demo: installed → absent", Assert.Single(remove.Changes).ToString());
        Assert.False(Directory.Exists(Path.Combine(prefix, "lib/node_modules/converge-demo")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public void The_command_is_Ansible_s()
    {
        var parameters = new NpmParams { Name = "coffee-script", Version = "1.6.1", Global = true, Production = true, Registry = "http://registry.example.invalid", NoOptional = true };

        Assert.Equal(
            ["npm", "install", "--global", "--production", "coffee-script@1.6.1", "--registry", "http://registry.example.invalid", "--no-optional"],
            NpmModule.Arguments(parameters, "install"));
        Assert.Equal(["npm", "uninstall", "--global", "coffee-script"], NpmModule.Arguments(parameters with { State = "absent", Production = false, Registry = null, NoOptional = false }, "uninstall"));
    }

    [Theory]
    [InlineData("{ name: coffee-script, global: true, version: 1.6.1 }", null)]
    [InlineData("{ name: coffee-script }", "path must be specified when not using global")]
    [InlineData("{ path: /app, state: absent }", "uninstalling a package is only available for named packages")]
    public void Params_are_the_collection_s(string yaml, string? message) =>
        ValidationProbe.AssertProblem(_module, yaml, message);
}
