using Converge.Modules.InstallPkg;

namespace Converge.Modules.Apt;

/// <summary>The facts an <c>apt</c> check reads, all declared up front so they join the host's one probe batch.</summary>
public sealed record AptFacts(DpkgStatusFact Status, DebControlFact? Deb, AptSimulationFact? Upgrade, AptSimulationFact? BuildDep, AptSimulationFact? Fix, AptSimulationFact? Autoremove)
{
    private static readonly string[] PurgeOption = ["--purge"];

    /// <summary>Where install-pkg records .deb hashes; apt only reads package states, so any fixed path does.</summary>
    private const string RecordDirectory = "/var/lib/converge/debs";

    public static AptFacts Of(AptParams parameters)
    {
        var names = Names(parameters);
        string[] release = parameters.DefaultRelease is { Length: > 0 } r ? ["-t", r] : [];
        var upgrade = parameters.Upgrade switch
        {
            "yes" or "true" or "safe" => ["upgrade", "--with-new-pkgs"],
            "full" or "dist" => ["dist-upgrade"],
            _ => parameters.Name is ["*"] ? new[] { "upgrade", "--with-new-pkgs" } : null,
        };
        return new AptFacts(
            new DpkgStatusFact([.. names.Select(n => PackageRequest.Parse(n).Name)], RecordDirectory, candidates: parameters.State == "latest", cacheAge: true, autoMarks: parameters.State is "present" or "latest"),
            parameters.Deb is { } deb ? new DebControlFact(deb) : null,
            upgrade is null ? null : new AptSimulationFact([.. release, .. upgrade]),
            parameters.State == "build-dep" ? new AptSimulationFact([.. release, "build-dep", .. names]) : null,
            parameters.State == "fixed" ? new AptSimulationFact([.. release, "-f", "install", .. names]) : null,
            parameters.Autoremove ? new AptSimulationFact([.. parameters.Purge ? PurgeOption : [], "autoremove"]) : null);
    }

    /// <summary>The named packages, without <c>*</c> (which means "every installed package" with state latest).</summary>
    public static IReadOnlyList<string> Names(AptParams parameters) => [.. (parameters.Name ?? []).Where(n => n != "*")];

    public IReadOnlyList<Core.Facts.IFact> All => [.. new Core.Facts.IFact?[] { Status, Deb, Upgrade, BuildDep, Fix, Autoremove }.OfType<Core.Facts.IFact>()];
}
