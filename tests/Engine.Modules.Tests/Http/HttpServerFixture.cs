using System.Diagnostics;
using Converge.TestKit;

namespace Converge.Modules.Tests.Http;

/// <summary>
/// A real HTTP server on 127.0.0.1 (http-server.py, Python's http.server) serving <see cref="Files"/>, started once
/// per test class and stopped by its own process id; or on another address of this machine (a lab's controller
/// address, which its hosts reach).
/// </summary>
public sealed class HttpServerFixture : IDisposable
{
    private readonly Process _server;

    public HttpServerFixture()
        : this("127.0.0.1")
    {
    }

    // Not public: xunit builds a class fixture through its one public constructor.
    internal HttpServerFixture(string address)
    {
        Files = Directory.CreateTempSubdirectory("converge-http-").FullName;
        var script = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Modules.Tests", "Http", "http-server.py");
        _server = Process.Start(new ProcessStartInfo("python3", [script, Files, address]) { RedirectStandardOutput = true })!;
        var port = _server.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the test HTTP server did not start");
        BaseUrl = $"http://{address}:{port.Trim()}";
    }

    /// <summary>The folder served under <c>/files/</c> (and <c>/auth/</c>).</summary>
    public string Files { get; }

    public string BaseUrl { get; }

    public void Dispose()
    {
        _server.Kill();
        _server.WaitForExit();
        _server.Dispose();
        Directory.Delete(Files, recursive: true);
    }
}
