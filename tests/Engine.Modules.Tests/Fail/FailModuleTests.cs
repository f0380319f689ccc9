using Converge.Core.Diagnostics;
using Converge.Modules.Fail;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Fail;

/// <summary><c>fail</c>: fails with its message (Ansible's default when none is given), in check mode too.</summary>
public sealed class FailModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task It_fails_with_msg_and_registers_it()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new FailModule(), new FailParams { Msg = "unsupported release" }));

        Assert.Equal("unsupported release", error.Message);
        Assert.Equal("unsupported release", error.Output!["msg"]);
    }

    [Fact]
    public async Task Without_msg_it_uses_Ansibles_default()
    {
        var parameters = ValidationProbe.Bind(new FailModule(), "{}");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new FailModule(), parameters));

        Assert.Equal("Failed as requested from task", error.Message);
    }
}
