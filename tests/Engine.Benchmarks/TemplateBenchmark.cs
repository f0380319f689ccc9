using System.Diagnostics;
using System.Text.Json;
using Converge.Core.Diagnostics;
using Converge.Core.Templates;
using Converge.TestKit;

namespace Converge.Benchmarks;

/// <summary>
/// <c>--templates</c>: renders the differential corpus (the real roles' template files, the expressions as task
/// values, the boolean ones again as <c>when:</c> conditions) for N hosts (default 1,000), each host with its own
/// name and address, with Converge's engine (one engine for the run, as a run has) and, in the same run, with
/// Ansible's Templar (<c>template_bench.py</c>) on the same work; prints both throughputs and the ratio.
/// </summary>
public static class TemplateBenchmark
{
    private static readonly string Corpus = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Core.Tests", "Templates", "Corpus");

    public static async Task<int> RunAsync(BenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var hosts = options.HostCounts is [var n] ? n : 1000;
        var ansibleHosts = Math.Min(hosts, options.AnsibleHosts);
        var work = TemplateWork.Load(Corpus);
        output.WriteLine($"corpus: {work.Files.Count} template files, {work.Expressions.Count} expressions, {work.Conditions.Count} conditions; {hosts} hosts (Ansible: {ansibleHosts})");

        Render(work, new TemplateEngine(), Math.Min(hosts, 20));
        var serial = Stopwatch.StartNew();
        var renders = Render(work, new TemplateEngine(), hosts);
        serial.Stop();

        var parallelEngine = new TemplateEngine();
        var parallel = Stopwatch.StartNew();
        var parallelRenders = 0L;
        Parallel.For(0, hosts, () => 0L, (host, _, count) => count + RenderHost(work, parallelEngine, host), count => Interlocked.Add(ref parallelRenders, count));
        parallel.Stop();

        var ansible = await AnsibleAsync(ansibleHosts, cancellationToken);
        var convergeRate = renders / serial.Elapsed.TotalSeconds;
        var parallelRate = parallelRenders / parallel.Elapsed.TotalSeconds;
        var ansibleRate = ansible.Renders / ansible.Seconds;
        output.WriteLine($"{"engine",-28} {"hosts",6} {"renders",9} {"seconds",8} {"renders/s",10} {"vs ansible",10}");
        output.WriteLine($"{"ansible 2.14 Templar",-28} {ansibleHosts,6} {ansible.Renders,9} {ansible.Seconds,8:F2} {ansibleRate,10:F0} {"1.0x",10}");
        output.WriteLine($"{"converge (1 thread)",-28} {hosts,6} {renders,9} {serial.Elapsed.TotalSeconds,8:F2} {convergeRate,10:F0} {convergeRate / ansibleRate,9:F1}x");
        output.WriteLine($"{"converge (all cores)",-28} {hosts,6} {parallelRenders,9} {parallel.Elapsed.TotalSeconds,8:F2} {parallelRate,10:F0} {parallelRate / ansibleRate,9:F1}x");
        return convergeRate / ansibleRate >= 20 ? 0 : 1;
    }

    private static long Render(TemplateWork work, TemplateEngine engine, int hosts)
    {
        var renders = 0L;
        for (var host = 0; host < hosts; host++)
        {
            renders += RenderHost(work, engine, host);
        }

        return renders;
    }

    /// <summary>One host's share: every file, every expression, every condition; a render that fails (as Ansible's does) still counts.</summary>
    private static long RenderHost(TemplateWork work, TemplateEngine engine, int host)
    {
        var name = $"host{host:D4}.example.com";
        var address = $"10.{host / 65536 % 256}.{host / 256 % 256}.{host % 256}";
        foreach (var file in work.Files)
        {
            var variables = new Dictionary<string, object?>(work.Facts, StringComparer.Ordinal);
            foreach (var (key, value) in file.Vars)
            {
                variables[key] = value;
            }

            variables["inventory_hostname"] = name;
            variables["ansible_default_ipv4"] = new Dictionary<string, object?>((Dictionary<string, object?>)work.Facts["ansible_default_ipv4"]!, StringComparer.Ordinal) { ["address"] = address };
            Try(() => engine.RenderFile(file.Path, file.Text, variables));
        }

        var hostVars = new Dictionary<string, object?>(work.Vars, StringComparer.Ordinal) { ["inventory_hostname"] = name, ["ip"] = address };
        foreach (var expression in work.Expressions)
        {
            Try(() => engine.RenderValue(expression, hostVars));
        }

        foreach (var condition in work.Conditions)
        {
            Try(() => engine.Evaluate(condition, hostVars));
        }

        return work.Files.Count + work.Expressions.Count + work.Conditions.Count;
    }

    private static void Try(Func<object?> render)
    {
        try
        {
            render();
        }
        catch (ConvergeException)
        {
            // A render Ansible fails too (an error case of the corpus): the work is done either way.
        }
    }

    private static async Task<(long Renders, double Seconds)> AnsibleAsync(int hosts, CancellationToken cancellationToken)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Benchmarks", "template_bench.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, Corpus, RepositoryPaths.Root, hosts.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"template_bench.py failed ({process.ExitCode}): {await stderr}");
        }

        var result = JsonDocument.Parse((await stdout).Trim().Split('\n')[^1]).RootElement;
        return (result.GetProperty("renders").GetInt64(), result.GetProperty("seconds").GetDouble());
    }
}
