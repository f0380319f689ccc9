using Converge.Modules.Slurp;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Slurp;

public sealed class SlurpModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_binary_file_is_registered_as_base64_in_check_mode_without_changes()
    {
        var path = _host.PathOf("blob");
        byte[] bytes = [0, 1, 2, 255, 10, 13, 65];
        await File.WriteAllBytesAsync(path, bytes);

        var plan = await _host.CheckAsync(new SlurpModule(), new SlurpParams { Src = path });

        Assert.False(plan.IsDrift);
        Assert.Equal(Convert.ToBase64String(bytes), plan.Output["content"]);
        Assert.Equal("base64", plan.Output["encoding"]);
        Assert.Equal(path, plan.Output["source"]);
    }

    [Fact]
    public async Task A_missing_file_or_a_directory_fails_saying_which()
    {
        var missing = await Assert.ThrowsAnyAsync<Exception>(() => _host.CheckAsync(new SlurpModule(), new SlurpParams { Src = _host.PathOf("nope") }));
        var directory = await Assert.ThrowsAnyAsync<Exception>(() => _host.CheckAsync(new SlurpModule(), new SlurpParams { Src = _host.Target }));

        Assert.Contains("file not found", missing.Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", directory.Message, StringComparison.Ordinal);
    }
}
