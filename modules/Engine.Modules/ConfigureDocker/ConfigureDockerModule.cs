using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Diffs;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.ConfigureDocker;

/// <summary>
/// Configures the Docker daemon for the mesh: <c>/etc/docker/daemon.json</c> (merged: keys this task does not
/// set are kept unless <c>keep_unmanaged: false</c>) or the seed's <c>/etc/default/docker</c> (owned entirely).
/// Refuses what dockerd would refuse at start: a setting given both as a flag (the systemd unit's ExecStart,
/// DOCKER_OPTS) and in daemon.json. It does not restart Docker; notify a handler (or the mesh's reboot).
/// </summary>
public sealed class ConfigureDockerModule : WorkModule<ConfigureDockerParams, ConfigureDockerState>
{
    public override string Name => "configure-docker";

    protected override IValidator<ConfigureDockerParams> ParamsValidator => ParamsValidators.Of<ConfigureDockerParamsValidator>();

    /// <summary>
    /// The init system, daemon.json and /etc/default/docker (each format's check compares one and looks for
    /// conflicts in the other) and, unless the format is /etc/default/docker, the unit's dockerd flags, read in
    /// the runner's batch (the flags are read only on systemd; elsewhere their probe is one unused line of the batch).
    /// </summary>
    public override IReadOnlyList<IFact> FactsOf(ConfigureDockerParams parameters) =>
        parameters.Format == DockerFormat.DefaultFile
            ? [new InitSystemFact(), new FileTextFact(parameters.DaemonJsonPath), new FileTextFact(parameters.DefaultFilePath)]
            : [new InitSystemFact(), new FileTextFact(parameters.DaemonJsonPath), new FileTextFact(parameters.DefaultFilePath), new DockerUnitFlagsFact()];

    public override async Task<Plan> CheckAsync(ModuleContext context, ConfigureDockerParams parameters, CancellationToken ct)
    {
        var systemd = await context.Facts.GetAsync(new InitSystemFact(), ct);
        var format = parameters.Format == DockerFormat.Auto ? (systemd ? DockerFormat.DaemonJson : DockerFormat.DefaultFile) : parameters.Format;
        if (format == DockerFormat.DaemonJson && parameters.Flags.Count > 0)
        {
            throw new TaskFailedException("configure-docker: this host uses daemon.json (systemd), but flags were given; set daemon.json keys in options instead");
        }

        if (format == DockerFormat.DefaultFile && parameters.Options.Count > 0)
        {
            throw new TaskFailedException("configure-docker: this host uses /etc/default/docker (no systemd), but options were given; pass dockerd flags in flags instead");
        }

        return format == DockerFormat.DaemonJson
            ? await CheckDaemonJsonAsync(context, parameters, systemd, ct)
            : await CheckDefaultFileAsync(context, parameters, ct);
    }

    protected override async Task<ApplyResult> ApplyAsync(ModuleContext context, ConfigureDockerParams parameters, Plan plan, ConfigureDockerState state, CancellationToken ct)
    {
        await context.Connection.EnsureDirectoryAsync(Path.GetDirectoryName(state.Path)!, Name, ct);

        await context.Connection.WriteFileAsync(state.Path, Encoding.UTF8.GetBytes(state.Content), new FileWriteOptions { Mode = 0b110_100_100 }, ct);
        return ApplyResult.Done($"wrote {state.Path}; Docker uses it from its next start");
    }

    private static async Task<Plan> CheckDaemonJsonAsync(ModuleContext context, ConfigureDockerParams parameters, bool systemd, CancellationToken ct)
    {
        var path = parameters.DaemonJsonPath;
        var text = await context.Facts.GetAsync(new FileTextFact(path), ct);
        JsonObject? existing;
        try
        {
            existing = text is null ? null : DaemonJson.Parse(text);
        }
        catch (JsonException e)
        {
            throw new TaskFailedException($"configure-docker: {path} is not a valid JSON object ({e.Message}); dockerd would not start with it either: fix or remove it");
        }

        var desired = DaemonJson.Merge(existing, DaemonJson.Desired(parameters), parameters.KeepUnmanaged);
        await CheckFlagConflictsAsync(context, parameters, desired, systemd, ct);
        if (existing is not null && DaemonJson.Same(existing, desired))
        {
            return Plan.InSync($"{path} has {string.Join(", ", DaemonJson.Desired(parameters).Select(p => p.Key))}");
        }

        var keys = desired.Select(p => p.Key).Union(existing?.Select(p => p.Key) ?? [])
            .Where(k => !DaemonJson.Same(existing?[k], desired[k]) || existing?.ContainsKey(k) != desired.ContainsKey(k)).ToList();
        var content = DaemonJson.Render(desired);
        var change = new Change(path, Describe(existing, keys), Describe(desired, keys)) { Diff = UnifiedDiff.Create(text, content, path, path) };
        return Plan.Drift(change) with { State = new ConfigureDockerState(path, content) };
    }

    private static async Task CheckFlagConflictsAsync(ModuleContext context, ConfigureDockerParams parameters, JsonObject desired, bool systemd, CancellationToken ct)
    {
        var sources = new List<(string Where, IReadOnlyList<string> Tokens)>();
        var unit = systemd ? await context.Facts.GetAsync(new DockerUnitFlagsFact(), ct) : [];
        sources.Add(("docker.service's ExecStart", unit));
        if (!systemd || unit.Any(t => t.Contains("DOCKER_OPTS", StringComparison.Ordinal)))
        {
            var defaults = await context.Facts.GetAsync(new FileTextFact(parameters.DefaultFilePath), ct);
            sources.Add(($"DOCKER_OPTS in {parameters.DefaultFilePath}", defaults is null ? [] : DefaultFile.DockerOpts(defaults)));
        }

        var conflicts = sources
            .SelectMany(s => DockerFlags.KeysOf(s.Tokens).Where(f => desired.ContainsKey(f.Key)).Select(f => $"{f.Key} ({f.Flag} in {s.Where})"))
            .Distinct()
            .ToList();
        if (conflicts.Count > 0)
        {
            throw new TaskFailedException(
                $"configure-docker: dockerd would refuse to start: {string.Join(", ", conflicts)} also set in {parameters.DaemonJsonPath}; drop the flag (for systemd, a drop-in with an empty ExecStart= and ExecStart=/usr/bin/dockerd) or leave the setting out of daemon.json");
        }
    }

    private static async Task<Plan> CheckDefaultFileAsync(ModuleContext context, ConfigureDockerParams parameters, CancellationToken ct)
    {
        var path = parameters.DefaultFilePath;
        var content = DefaultFile.Render(parameters);
        var daemonJson = await context.Facts.GetAsync(new FileTextFact(parameters.DaemonJsonPath), ct);
        if (daemonJson is not null)
        {
            JsonObject? json = null;
            try
            {
                json = DaemonJson.Parse(daemonJson);
            }
            catch (JsonException)
            {
                // An unreadable daemon.json is dockerd's problem to report; it cannot duplicate our flags.
            }

            var conflicts = DockerFlags.KeysOf(DockerFlags.Split(string.Join(' ', DefaultFile.Options(parameters))))
                .Where(f => json?.ContainsKey(f.Key) == true).Select(f => $"{f.Key} ({f.Flag})").Distinct().ToList();
            if (conflicts.Count > 0)
            {
                throw new TaskFailedException(
                    $"configure-docker: dockerd would refuse to start: {string.Join(", ", conflicts)} set both in DOCKER_OPTS of {path} and in {parameters.DaemonJsonPath}; remove them from daemon.json or use format: daemon-json");
            }
        }

        var text = await context.Facts.GetAsync(new FileTextFact(path), ct);
        if (text is not null && DefaultFile.Statements(text).SequenceEqual(DefaultFile.Statements(content)))
        {
            return Plan.InSync($"{path} has DOCKER_OPTS {string.Join(' ', DefaultFile.Options(parameters))}");
        }

        var before = text is null ? null : "DOCKER_OPTS=" + string.Join(' ', DefaultFile.DockerOpts(text));
        var change = new Change(path, before, "DOCKER_OPTS=" + string.Join(' ', DefaultFile.DockerOpts(content))) { Diff = UnifiedDiff.Create(text, content, path, path) };
        return Plan.Drift(change) with { State = new ConfigureDockerState(path, content) };
    }

    private static string? Describe(JsonObject? json, IReadOnlyList<string> keys) =>
        json is null ? null : string.Join(", ", keys.Where(json.ContainsKey).Select(k => $"{k}={json[k]?.ToJsonString() ?? "null"}"));
}
