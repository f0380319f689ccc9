using Converge.Modules.Debug;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Debug;

/// <summary><c>debug</c>: msg, var and verbosity as in Ansible; never a change, nothing touched.</summary>
public sealed class DebugModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly DebugModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Msg_is_the_reason_and_the_registered_msg()
    {
        var plan = await _host.CheckAsync(_module, new DebugParams { Msg = "mtu is 1462" });

        Assert.False(plan.IsDrift);
        Assert.Equal("mtu is 1462", plan.Reason);
        Assert.Equal("mtu is 1462", plan.Output["msg"]);
    }

    [Fact]
    public async Task Without_msg_or_var_it_says_hello_world_as_Ansible_does()
    {
        var plan = await _host.CheckAsync(_module, new DebugParams());

        Assert.Equal("Hello world!", plan.Output["msg"]);
    }

    [Fact]
    public async Task Var_is_evaluated_and_registered_under_its_own_name()
    {
        _host.Variables["result"] = new Dictionary<string, object?> { ["stdout_lines"] = new List<object?> { "a", "b" } };

        var plan = await _host.CheckAsync(_module, new DebugParams { Var = "result.stdout_lines" });

        Assert.Equal(new List<object?> { "a", "b" }, plan.Output["result.stdout_lines"]);
        Assert.Equal("result.stdout_lines: [\"a\",\"b\"]", plan.Reason);
    }

    [Fact]
    public async Task An_undefined_var_prints_Ansibles_marker_instead_of_failing()
    {
        var plan = await _host.CheckAsync(_module, new DebugParams { Var = "nowhere" });

        Assert.Equal(DebugModule.NotDefined, plan.Output["nowhere"]);
    }

    [Fact]
    public async Task Below_its_verbosity_it_is_skipped_and_at_it_it_prints()
    {
        var quiet = await _host.CheckAsync(_module, new DebugParams { Msg = "detail", Verbosity = 2 });
        _host.Variables["ansible_verbosity"] = 2L;
        var loud = await _host.CheckAsync(_module, new DebugParams { Msg = "detail", Verbosity = 2 });

        Assert.Equal(true, quiet.Output["skipped"]);
        Assert.Equal("detail", loud.Reason);
    }

    [Fact]
    public void Msg_and_var_together_are_refused()
    {
        var problems = ValidationProbe.Problems(_module, "{ msg: a, var: b }");

        Assert.Equal(["debug: give msg or var, not both (they are mutually exclusive)"], problems);
    }
}
