using Converge.Core.Connections;

namespace Converge.Modules.Tests.Gem;

/// <summary>
/// A tiny gem the test builds with Debian's RubyGems (<c>gem build</c> from a gemspec, one library file and one
/// executable), and a local gem source (<c>gem generate_index</c> over a folder of them), so gem installs and asks
/// for the latest version with no network.
/// </summary>
internal static class GemBuild
{
    public static async Task<string> BuildAsync(string folder, string version)
    {
        var source = Directory.CreateDirectory(Path.Combine(folder, $"src-{version}")).FullName;
        Directory.CreateDirectory(Path.Combine(source, "lib"));
        Directory.CreateDirectory(Path.Combine(source, "bin"));
        await File.WriteAllTextAsync(Path.Combine(source, "lib/converge_demo.rb"), $"module ConvergeDemo; VERSION = \"{version}\"; end\n");
        await File.WriteAllTextAsync(Path.Combine(source, "bin/converge-demo"), "#!/usr/bin/env ruby\nputs ConvergeDemo::VERSION\n");
        await File.WriteAllTextAsync(Path.Combine(source, "converge_demo.gemspec"), $$"""
            Gem::Specification.new do |s|
              s.name = "converge_demo"
              s.version = "{{version}}"
              s.summary = "A gem Converge's tests build"
              s.authors = ["Converge"]
              s.license = "MIT"
              s.files = ["lib/converge_demo.rb", "bin/converge-demo"]
              s.executables = ["converge-demo"]
            end
            """);
        var gem = Path.Combine(folder, $"converge_demo-{version}.gem");
        await RunAsync(source, "gem", "build", "--norc", "converge_demo.gemspec", "--output", gem);
        return gem;
    }

    /// <summary>A folder with <c>gems/</c> and the index <c>gem --source file:///FOLDER</c> reads.</summary>
    public static async Task IndexAsync(string repository, params string[] gems)
    {
        var into = Directory.CreateDirectory(Path.Combine(repository, "gems")).FullName;
        foreach (var gem in gems)
        {
            File.Copy(gem, Path.Combine(into, Path.GetFileName(gem)), overwrite: true);
        }

        await RunAsync(repository, "gem", "generate_index", "--norc", "--directory", repository);
    }

    private static async Task RunAsync(string directory, string program, params string[] arguments)
    {
        var result = await new LocalConnection("localhost").RunAsync(new CommandSpec(program, arguments) { WorkingDirectory = directory }, CancellationToken.None);
        Assert.True(result.Succeeded, $"{program} {string.Join(' ', arguments)}: {result.Stderr}");
    }
}
