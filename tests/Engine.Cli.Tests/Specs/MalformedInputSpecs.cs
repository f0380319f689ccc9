using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>
/// The malformed-input corpus (<c>Corpus/Malformed/</c>, plus inputs too large or too binary to commit, made
/// here): every input, through the real <c>converge</c> process, gives exit 1, a diagnostic with
/// file:line:col (a usage message for options), no stack trace, no connection to the inventory's host,
/// and a peak resident memory under 300 MB measured for that process. The first line of a corpus file
/// says what is expected: <c># error: LINE:COL fragment</c>, or <c>?</c> for any position in that file.
/// </summary>
public sealed partial class MalformedInputSpecs
{
    private const long MemoryBound = 300L * 1024 * 1024;

    private static readonly string Corpus = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Cli.Tests", "Corpus", "Malformed");

    [Fact]
    public async Task Every_malformed_playbook_is_refused_with_its_place_before_any_host_is_contacted()
    {
        using var workspace = new Workspace();
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var inventory = workspace.Write("inventory/hosts.ini", $"target ansible_host=127.0.0.1 ansible_port={((IPEndPoint)target.LocalEndpoint).Port} ansible_user=nobody\n");
        var knownHosts = workspace.Write("known_hosts", string.Empty);
        var playbooks = Directory.GetFiles(Path.Combine(Corpus, "playbooks")).Concat(GeneratedPlaybooks(workspace)).Order(StringComparer.Ordinal).ToList();

        var failures = await RunAllAsync(playbooks, playbook => ["apply", playbook, "-i", inventory, "--known-hosts", knownHosts], workspace.Root, (playbook, run) => Problems(run, [playbook]));

        Assert.True(playbooks.Count >= 55, $"only {playbooks.Count} playbooks");
        Assert.False(target.Pending(), "a malformed run connected to the inventory's host");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public async Task Every_malformed_vars_file_given_with_e_at_is_refused_with_its_place()
    {
        using var workspace = new Workspace();
        var files = Directory.GetFiles(Path.Combine(Corpus, "vars")).Append(Deep(workspace, "deep-vars.yml", string.Empty)).Order(StringComparer.Ordinal).ToList();
        var playbook = workspace.Write("site.yml", "- hosts: localhost\n  tasks:\n    - command: echo hi\n");

        // One process reads them all, so its memory bound covers every file at once.
        var run = await MeasuredConverge.RunAsync(["validate", playbook, "-i", Workspace.LocalInventory, .. files.SelectMany(f => new[] { "-e", "@" + f })], workspace.Root);

        Assert.True(files.Count >= 18, $"only {files.Count} vars files");
        var problems = Problems(run, files);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + run);
    }

    [Fact]
    public async Task Every_malformed_inventory_is_refused_with_its_place()
    {
        using var workspace = new Workspace();
        var files = Directory.GetFiles(Path.Combine(Corpus, "inventories")).Append(Deep(workspace, "deep.yml", "all:\n  vars:\n")).Order(StringComparer.Ordinal).ToList();
        var playbook = workspace.Write("site.yml", "- hosts: all\n  tasks:\n    - command: echo hi\n");

        var failures = await RunAllAsync(files, file => ["validate", playbook, "-i", file], workspace.Root, (file, run) => Problems(run, [file]));

        Assert.True(files.Count >= 20, $"only {files.Count} inventories");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public async Task Every_invalid_option_is_a_usage_error_naming_it()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", "- hosts: localhost\n  tasks:\n    - command: echo hi\n");
        workspace.Write("options.yml", "--forks\n0\n");
        var inventory = Workspace.LocalInventory;
        (string[] Arguments, string Says)[] cases =
        [
            (["apply", playbook, "-i", inventory, "--forks", "0"], "--forks must be between 1"),
            (["apply", playbook, "-i", inventory, "--forks", "-1"], "--forks must be between 1"),
            (["apply", playbook, "-i", inventory, "--forks", "many"], "many"),
            (["apply", playbook, "-i", inventory, "--connect-timeout", "0"], "--connect-timeout must be between 1"),
            (["apply", playbook, "-i", inventory, "--connect-timeout", "-5"], "--connect-timeout must be between 1"),
            (["check", playbook, "-i", inventory, "--connect-timeout", "99999999999"], "99999999999"),
            (["apply", playbook, "-i", inventory, "--report", Path.Combine(workspace.Root, "missing", "report.json")], "--report: the directory of"),
            (["apply", playbook, "-i", inventory, "--report", workspace.Root], "is a directory"),
            (["apply", playbook, "-i", inventory, "--report", ""], "--report"),
            (["apply", playbook, "-i", inventory, "-e", "@" + Path.Combine(workspace.Root, "missing.yml")], "missing.yml' does not exist"),
            (["apply", playbook, "-i", inventory, "-e", "@" + workspace.Root], "is a directory"),
            (["apply", playbook, "-i", inventory, "-e", "@" + workspace.PathOf("options.yml")], "must be a mapping"),
            (["apply", playbook, "-i", inventory, "-e", "not a pair"], "invalid extra vars"),
            (["apply", playbook, "-i", inventory, "--frobnicate"], "--frobnicate"),
            (["apply", playbook], "--inventory"),
            (["apply", "-i", inventory], "PLAYBOOK"),
            (["validate", workspace.PathOf("no-such-playbook.yml"), "-i", inventory], "does not exist"),
            (["validate", workspace.Root, "-i", inventory], "does not exist"),
            (["validate", playbook, "-i", workspace.PathOf("no-such-inventory")], "does not exist"),
            (["apply", playbook, "-i", inventory, "--limit", "nosuchhost"], "nosuchhost"),
        ];

        var failures = await RunAllAsync(cases, c => c.Arguments, workspace.Root, (c, run) =>
        {
            var problems = Unsafe(run);
            if (!(run.Outcome.Stderr + run.Outcome.Stdout).Contains(c.Says, StringComparison.Ordinal))
            {
                problems.Add($"does not say '{c.Says}'");
            }

            return problems;
        });

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public async Task Brackets_nested_too_deep_for_Python_in_an_INI_value_stay_text_as_in_Ansible()
    {
        using var workspace = new Workspace();
        var inventory = workspace.Write("hosts.ini", $"web1 ansible_connection=local deep={new string('[', 200_000)}{new string(']', 200_000)}\n");

        var run = await MeasuredConverge.RunAsync(["inventory", "-i", inventory, "--host", "web1"], workspace.Root);

        Assert.True(run.Outcome.ExitCode == 0, run.ToString());
        Assert.Contains("\"deep\": \"[[[[", run.Outcome.Stdout);
        Assert.True(run.PeakBytes < MemoryBound, run.ToString());
    }

    /// <summary>Runs every case (a few processes at a time) and returns the description of each that failed.</summary>
    private static async Task<List<string>> RunAllAsync<T>(IReadOnlyList<T> cases, Func<T, string[]> arguments, string scratch, Func<T, MeasuredOutcome, List<string>> check)
    {
        using var slots = new SemaphoreSlim(4);
        var results = await Task.WhenAll(cases.Select(async c =>
        {
            await slots.WaitAsync();
            try
            {
                var run = await MeasuredConverge.RunAsync(arguments(c), scratch);
                var problems = check(c, run);
                return problems.Count == 0 ? null : $"{string.Join(" ", arguments(c).Select(a => a.Length > 100 ? a[..100] + "..." : a))}\n  {string.Join("\n  ", problems)}\n{run}";
            }
            finally
            {
                slots.Release();
            }
        }));
        return [.. results.OfType<string>()];
    }

    /// <summary>Exit 1, no stack trace, no "this is a bug" guard message, memory under the bound.</summary>
    private static List<string> Unsafe(MeasuredOutcome run)
    {
        var problems = new List<string>();
        var output = run.Outcome.Stdout + run.Outcome.Stderr;
        if (run.Outcome.ExitCode != 1)
        {
            problems.Add($"exit {run.Outcome.ExitCode}, not 1");
        }

        if (StackFrame().IsMatch(output) || output.Contains("Unhandled exception", StringComparison.Ordinal) || output.Contains("this is a bug in converge", StringComparison.Ordinal))
        {
            problems.Add("a stack trace or an unexpected exception");
        }

        if (run.PeakBytes >= MemoryBound)
        {
            problems.Add($"peak memory {run.PeakBytes / (1024 * 1024)} MB");
        }

        return problems;
    }

    /// <summary><see cref="Unsafe"/>, and each file has a diagnostic at the place its first line names.</summary>
    private static List<string> Problems(MeasuredOutcome run, IReadOnlyList<string> files)
    {
        var problems = Unsafe(run);
        var lines = run.Outcome.Stderr.Split('\n');
        foreach (var file in files)
        {
            var (place, fragment) = Expectation(file);
            var prefix = place is null ? $"{file}:" : $"{file}:{place}: error: ";
            var found = lines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal)
                && Located().IsMatch(l[(file.Length + 1)..])
                && l.Contains(fragment, StringComparison.Ordinal));
            if (!found)
            {
                problems.Add($"no diagnostic '{prefix}LINE:COL: error: ...{fragment}' for {Path.GetFileName(file)}");
            }
        }

        return problems;
    }

    private static (string? Place, string Fragment) Expectation(string file)
    {
        using var reader = new StreamReader(file, Encoding.Latin1);
        var match = Header().Match(reader.ReadLine() ?? string.Empty);
        return !match.Success ? (null, string.Empty) : (match.Groups[1].Value == "?" ? null : match.Groups[1].Value, match.Groups[2].Value.Trim());
    }

    /// <summary>Inputs made here: too deep, too large or too repetitive to commit.</summary>
    private static IEnumerable<string> GeneratedPlaybooks(Workspace workspace)
    {
        yield return Deep(workspace, "deep-brackets.yml", "- hosts: all\n  vars:\n");
        var mappings = new StringBuilder("# error: ? nesting is deeper\n- hosts: all\n  vars:\n    a: ");
        mappings.Insert(mappings.Length, "{a: ", 100_000).Append('1').Append('}', 100_000).Append('\n');
        yield return workspace.Write("deep-mappings.yml", mappings.ToString());
        var indented = new StringBuilder("# error: ? nesting is deeper\n- hosts: all\n  vars:\n");
        for (var i = 0; i < 2_000; i++)
        {
            indented.Append(' ', 4 + i).Append("k:\n");
        }

        yield return workspace.Write("deep-indentation.yml", indented.ToString());
        var large = new StringBuilder("# error: 1:1 file is too large\n- hosts: all\n  vars:\n    filler: \"");
        large.Append('x', 17 * 1024 * 1024).Append("\"\n");
        yield return workspace.Write("too-large.yml", large.ToString());
        yield return workspace.Write("vars-file-is-directory.yml", $"# error: ?\n- hosts: all\n  vars_files: [{workspace.Root}]\n  tasks: []\n");
    }

    private static string Deep(Workspace workspace, string name, string before) =>
        workspace.Write(name, $"# error: ? nesting is deeper\n{before}    a: {new string('[', 200_000)}{new string(']', 200_000)}\n");

    [GeneratedRegex(@"^[#;] error: (\?|\d+:\d+)(.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\d+:\d+: error: ")]
    private static partial Regex Located();

    [GeneratedRegex(@"^\s+at \S+.*\)( in .*)?$", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
