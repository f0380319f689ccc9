using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Gem;

/// <summary>
/// <c>gem</c> (community.general): Ansible's decision from what <c>gem query</c> lists, read in the host's probe batch.
/// <c>present</c> installs when the gem (or the given version) is not installed; <c>latest</c> first asks the source for
/// its newest version and installs that one when it is missing; <c>absent</c> uninstalls an installed gem (every
/// version, or the given one). The apply runs gem with Ansible's arguments in Ansible's order.
/// </summary>
public sealed class GemModule : Module<GemParams>
{
    public override string Name => "gem";

    protected override IValidator<GemParams> ParamsValidator => ParamsValidators.Of<GemParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(GemParams parameters) => [FactOf(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, GemParams parameters, CancellationToken ct)
    {
        var listing = await context.Facts.GetAsync(FactOf(parameters), ct);

        // Ansible's exists(): for latest, the source's first version becomes the wanted version.
        var version = parameters.State == "latest" && listing.Remote.Count > 0 ? listing.Remote[0] : parameters.Version;
        var exists = version is not null ? listing.Installed.Contains(version) : listing.Installed.Count > 0;
        var installed = listing.Installed.Count > 0 ? string.Join(", ", listing.Installed) : "not installed";
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = parameters.Name, ["state"] = parameters.State };
        if (version is not null)
        {
            output["version"] = version;
        }

        var subject = $"gem {parameters.Name}";
        var wanted = version is null ? parameters.Name : $"{parameters.Name} {version}";
        if (parameters.State == "absent")
        {
            return exists
                ? Plan.Drift([new Change(subject, installed, "absent")]) with { State = new GemWork(listing, version), Output = output }
                : Plan.InSync($"{wanted} is not installed") with { Output = output };
        }

        return exists
            ? Plan.InSync($"{parameters.Name} {installed} is installed") with { Output = output }
            : Plan.Drift([new Change(subject, installed, version ?? "present")]) with { State = new GemWork(listing, version), Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, GemParams parameters, Plan plan, CancellationToken ct)
    {
        var work = plan.State as GemWork ?? throw new TaskFailedException("gem: apply was given a plan this module did not make");
        var arguments = parameters.State == "absent" ? UninstallArguments(parameters, work) : InstallArguments(parameters, work);

        // Ansible sets GEM_HOME for the query and the uninstall, not for the install (it passes --install-dir there).
        var command = new CommandSpec(arguments[0], [.. arguments.Skip(1)])
        {
            Timeout = TimeSpan.FromMinutes(30),
            Environment = parameters.State == "absent" && parameters.InstallDir is { } home ? new Dictionary<string, string> { ["GEM_HOME"] = home } : null,
        };
        await HostCommand.RunAsync(context, command, ct);
        context.Facts.Invalidate<GemListingFact>();
        return new ApplyResult($"gem: {plan.Reason}") { Output = plan.Output };
    }

    /// <summary>Ansible's install(): gem install, --norc, --version, --source, dependencies, user install, dirs, --pre, docs, --env-shebang, the gem, build flags, --force.</summary>
    public static IReadOnlyList<string> InstallArguments(GemParams parameters, GemWork work)
    {
        var old = work.Listing.RubyGems is { } v && v < new Version(2, 0, 0);
        var arguments = new List<string>(Gem(parameters)) { "install" };
        Add(arguments, work.Listing.Norc, "--norc");
        AddValue(arguments, "--version", work.Version);
        AddValue(arguments, "--source", parameters.Repository);
        Add(arguments, !parameters.IncludeDependencies, "--ignore-dependencies");
        Add(arguments, parameters.IncludeDependencies && old, "--include-dependencies");
        arguments.Add(parameters.UserInstall ? "--user-install" : "--no-user-install");
        AddValue(arguments, "--install-dir", parameters.InstallDir);
        AddValue(arguments, "--bindir", parameters.Bindir);
        Add(arguments, parameters.PreRelease, "--pre");
        if (!parameters.IncludeDoc)
        {
            arguments.AddRange(old ? ["--no-rdoc", "--no-ri"] : ["--no-document"]);
        }

        Add(arguments, parameters.EnvShebang, "--env-shebang");
        arguments.Add(parameters.GemSource ?? parameters.Name);
        if (parameters.BuildFlags is { } flags)
        {
            arguments.AddRange(["--", flags]);
        }

        Add(arguments, parameters.Force, "--force");
        return arguments;
    }

    /// <summary>Ansible's uninstall(): gem uninstall, --norc, --install-dir, --bindir, --version or --all, --executable, --force, the name.</summary>
    public static IReadOnlyList<string> UninstallArguments(GemParams parameters, GemWork work)
    {
        var arguments = new List<string>(Gem(parameters)) { "uninstall" };
        Add(arguments, work.Listing.Norc, "--norc");
        AddValue(arguments, "--install-dir", parameters.InstallDir);
        AddValue(arguments, "--bindir", parameters.Bindir);
        if (work.Version is { } version)
        {
            arguments.AddRange(["--version", version]);
        }
        else
        {
            arguments.Add("--all");
        }

        arguments.Add("--executable");
        Add(arguments, parameters.Force, "--force");
        arguments.Add(parameters.Name);
        return arguments;
    }

    private static void Add(List<string> arguments, bool when, string flag)
    {
        if (when)
        {
            arguments.Add(flag);
        }
    }

    private static void AddValue(List<string> arguments, string flag, string? value)
    {
        if (value is not null)
        {
            arguments.AddRange([flag, value]);
        }
    }

    /// <summary>The gem command: <c>executable</c> split at spaces (as Ansible does), else <c>gem</c> from PATH.</summary>
    private static IReadOnlyList<string> Gem(GemParams parameters) =>
        parameters.Executable is { } executable ? executable.Split(' ', StringSplitOptions.RemoveEmptyEntries) : ["gem"];

    private static GemListingFact FactOf(GemParams parameters) =>
        new(Gem(parameters), parameters.Name, parameters.InstallDir, parameters.Norc, parameters.State == "latest", parameters.Repository);
}
