using Converge.Core.Diagnostics;
using Converge.Modules.Assertions;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Assertions;

public sealed class AssertModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly AssertModule _module = new();

    public AssertModuleTests()
    {
        _host.Variables["mtu"] = 1462L;
        _host.Variables["tunnel"] = "gre";
        _host.Variables["peers"] = new List<object?> { "a", "b" };
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task True_conditions_are_in_sync_with_the_success_message()
    {
        var plan = await _host.CheckAsync(_module, new AssertParams
        {
            That = ["mtu == 1462", "tunnel == 'gre' and peers | length == 2", "{{ 'a' in peers }}"],
            SuccessMsg = "mesh values are consistent",
        });

        Assert.False(plan.IsDrift);
        Assert.Equal("mesh values are consistent", plan.Reason);
    }

    [Fact]
    public async Task Without_a_success_message_the_reason_counts_the_assertions()
    {
        var plan = await _host.CheckAsync(_module, new AssertParams { That = ["mtu > 1000"] });

        Assert.Equal("all 1 assertion passed", plan.Reason);
    }

    [Fact]
    public async Task A_false_condition_fails_naming_it_after_the_fail_message()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() =>
            _host.CheckAsync(_module, new AssertParams { That = ["mtu > 1000", "mtu == 1500"], FailMsg = "MTU must leave room for GRE" }));

        Assert.Equal("MTU must leave room for GRE (failed: mtu == 1500)", error.Message);
    }

    [Fact]
    public async Task An_undefined_variable_fails_naming_it()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new AssertParams { That = ["underlay_mtu > 1000"] }));

        Assert.Contains("undefined variable 'underlay_mtu'", error.Message);
    }

    [Fact]
    public async Task Jinja_style_defined_tests_work_in_conditions()
    {
        var plan = await _host.CheckAsync(_module, new AssertParams { That = ["mtu is defined", "underlay_mtu is not defined"] });

        Assert.False(plan.IsDrift);
    }

    [Fact]
    public void The_validator_rejects_empty_lists_and_bad_syntax()
    {
        var validator = new AssertParamsValidator();

        Assert.False(validator.Validate(new AssertParams { That = [] }).IsValid);
        Assert.Contains("not a valid Jinja expression", validator.Validate(new AssertParams { That = ["mtu == == 3"] }).Errors[0].ErrorMessage);
        Assert.True(validator.Validate(new AssertParams { That = ["mtu == 3"] }).IsValid);
    }
}
