using Converge.Modules.Tests.Common;
using Converge.Core.Diagnostics;
using Converge.Modules.Mesh;
using Converge.Modules.WriteInterfaces;

namespace Converge.Modules.Tests.WriteInterfaces;

public sealed class WriteInterfacesModuleTests : IDisposable
{
    private const string UserStanzas = """
        # The user's own configuration: it must survive every run.
        auto lo
        iface lo inet loopback

        auto eth0
        iface eth0 inet static
            address 192.0.2.1/24
            gateway 192.0.2.254

        """;

    private readonly ModuleTestHost _harness = new();
    private readonly WriteInterfacesModule _module = new();

    public WriteInterfacesModuleTests()
    {
        File.WriteAllText(_harness.PathOf("interfaces"), UserStanzas);
    }

    private string MeshFile => _harness.PathOf("interfaces.d/converge-mesh");

    private string MainFile => _harness.PathOf("interfaces");

    public void Dispose() => _harness.Dispose();

    private WriteInterfacesParams Params(MeshHost? mesh = null) => new()
    {
        Mesh = mesh ?? WriteInterfacesRenderTests.SeedHost(1),
        Path = MeshFile,
        InterfacesFile = MainFile,
    };

    [Fact]
    public async Task Check_apply_check_writes_the_stanzas_keeps_the_users_and_is_then_in_sync()
    {
        var parameters = Params();

        var first = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);
        await _module.ApplyAsync(_harness.Context(), parameters, first, CancellationToken.None);
        var second = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);

        Assert.Equal([MeshFile, MainFile + ": source line"], first.Changes.Select(c => c.Path));
        Assert.False(second.IsDrift);
        Assert.Equal($"{MeshFile} holds the mesh stanzas of host1 (4 interfaces) and {MainFile} sources it", second.Reason);
        var main = await File.ReadAllTextAsync(MainFile);
        Assert.StartsWith(UserStanzas, main, StringComparison.Ordinal);
        Assert.EndsWith($"source {MeshFile}\n", main, StringComparison.Ordinal);
        Assert.Equal(InterfacesRenderer.Render(parameters.Mesh, null, false), await File.ReadAllTextAsync(MeshFile));
    }

    [Fact]
    public async Task Check_mode_reports_the_diff_and_changes_nothing()
    {
        var parameters = Params();
        var context = _harness.Context(checkMode: true);

        var plan = await _module.CheckAsync(context, parameters, CancellationToken.None);

        Assert.True(plan.IsDrift);
        Assert.Contains("+iface gre1 inet manual\n", plan.Changes[0].Diff, StringComparison.Ordinal);
        Assert.Contains($"+source {MeshFile}\n", plan.Changes[1].Diff, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CheckModeViolationException>(() => _module.ApplyAsync(context, parameters, plan, CancellationToken.None));
        Assert.False(File.Exists(MeshFile));
        Assert.Equal(UserStanzas, await File.ReadAllTextAsync(MainFile));
    }

    [Fact]
    public async Task Reformatting_and_comments_are_not_drift()
    {
        await ApplyAsync(Params());
        var reformatted = string.Join('\n', (await File.ReadAllLinesAsync(MeshFile))
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.StartsWith("    ", StringComparison.Ordinal) ? "\t" + l.Trim().Replace(" ", "   ", StringComparison.Ordinal) : "# edited by hand\n" + l));
        await File.WriteAllTextAsync(MeshFile, reformatted);

        var plan = await _module.CheckAsync(_harness.Context(), Params(), CancellationToken.None);

        Assert.False(plan.IsDrift, string.Join('\n', plan.Changes.Select(c => c.Diff)));
    }

    [Fact]
    public async Task A_changed_option_is_drift_with_a_readable_diff()
    {
        await ApplyAsync(Params());
        var text = await File.ReadAllTextAsync(MeshFile);
        await File.WriteAllTextAsync(MeshFile, text.Replace("options:remote_ip=192.0.2.3", "options:remote_ip=192.0.2.99", StringComparison.Ordinal));

        var plan = await _module.CheckAsync(_harness.Context(), Params(), CancellationToken.None);

        var change = Assert.Single(plan.Changes);
        Assert.Contains("-    ovs_extra set interface ${IFACE} type=gre options:remote_ip=192.0.2.99\n+    ovs_extra set interface ${IFACE} type=gre options:remote_ip=192.0.2.3\n", change.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_glob_source_line_is_enough()
    {
        await File.WriteAllTextAsync(MainFile, UserStanzas + $"source {_harness.PathOf("interfaces.d")}/*\n");

        var plan = await _module.CheckAsync(_harness.Context(), Params(), CancellationToken.None);

        Assert.Equal([MeshFile], plan.Changes.Select(c => c.Path));
    }

    [Fact]
    public async Task A_relative_source_directory_line_is_enough()
    {
        await File.WriteAllTextAsync(MainFile, UserStanzas + "source-directory interfaces.d\n");

        var plan = await _module.CheckAsync(_harness.Context(), Params(), CancellationToken.None);

        Assert.Equal([MeshFile], plan.Changes.Select(c => c.Path));
    }

    [Fact]
    public async Task A_user_stanza_for_a_mesh_interface_is_an_error_not_a_duplicate()
    {
        await File.WriteAllTextAsync(MainFile, UserStanzas + "auto docker0\niface docker0 inet dhcp\n");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _module.CheckAsync(_harness.Context(), Params(), CancellationToken.None));

        Assert.Equal(
            $"write-interfaces: {MainFile}:10 defines `iface docker0 inet dhcp`, but {MeshFile} manages that interface; remove the stanza from {MainFile} so ifupdown does not see it twice, or set take_over: true to comment it out there",
            error.Message);
    }

    [Fact]
    public async Task The_netdev_layout_refuses_to_take_eth0_while_the_user_configures_it()
    {
        var parameters = Params(WriteInterfacesRenderTests.SeedHost(1, i => i.With("datapath", "netdev"))) with { UnderlayHwaddr = "52:54:00:ab:cd:01" };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None));

        Assert.Contains("defines `iface eth0 inet static`", error.Message, StringComparison.Ordinal);
        Assert.Contains("with the netdev datapath eth0 becomes a port of br-phy, which takes over its address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Take_over_comments_out_the_users_eth0_and_the_cycle_converges()
    {
        var parameters = Params(WriteInterfacesRenderTests.SeedHost(1, i => i.With("datapath", "netdev"))) with { UnderlayHwaddr = "52:54:00:ab:cd:01", TakeOver = true };

        var first = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);
        await ApplyAsync(parameters);
        var again = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);

        Assert.Contains(first.Changes, c => c.Path == $"{MainFile}: takes over eth0");
        Assert.False(again.IsDrift, string.Join("; ", again.Changes));
        var main = await File.ReadAllTextAsync(MainFile);
        Assert.Contains("auto lo\niface lo inet loopback", main, StringComparison.Ordinal);
        Assert.Contains(InterfacesTakeOver.Mark + "iface eth0 inet static", main, StringComparison.Ordinal);
        Assert.Contains(InterfacesTakeOver.Mark + "    address 192.0.2.1/24", main, StringComparison.Ordinal);
        Assert.Contains(InterfacesTakeOver.Mark + "auto eth0", main, StringComparison.Ordinal);
        Assert.Null(InterfacesFile.Parse(main).Definition("eth0"));
    }

    [Fact]
    public async Task The_netdev_layout_cycle_converges_when_eth0_is_left_to_the_mesh()
    {
        await File.WriteAllTextAsync(MainFile, "auto lo\niface lo inet loopback\n");
        var parameters = Params(WriteInterfacesRenderTests.SeedHost(1, i => i.With("datapath", "netdev"))) with { UnderlayHwaddr = "52:54:00:ab:cd:01" };

        await ApplyAsync(parameters);
        var plan = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);

        Assert.False(plan.IsDrift);
    }

    [Fact]
    public void The_validator_names_bad_choices()
    {
        var parameters = Params(WriteInterfacesRenderTests.SeedHost(1) with { Switch = "bridge", Stp = "maybe" }) with { Path = "relative/file" };

        var result = new WriteInterfacesParamsValidator().Validate(parameters);

        Assert.Equal(
            ["path must be absolute, not 'relative/file'", "mesh.switch must be ovs or linux-bridge, not 'bridge'", "mesh.stp must be off, stp or rstp, not 'maybe'"],
            result.Errors.Select(e => e.ErrorMessage));
    }

    private async Task ApplyAsync(WriteInterfacesParams parameters)
    {
        var plan = await _module.CheckAsync(_harness.Context(), parameters, CancellationToken.None);
        await _module.ApplyAsync(_harness.Context(), parameters, plan, CancellationToken.None);
    }
}
