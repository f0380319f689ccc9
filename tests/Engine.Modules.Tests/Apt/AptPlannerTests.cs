using Converge.Modules.Apt;
using Converge.Modules.InstallPkg;

namespace Converge.Modules.Tests.Apt;

/// <summary>The pure planning of <c>apt</c> from recorded probe output (dpkg-query lines and apt-get -s simulations).</summary>
public sealed class AptPlannerTests
{
    private static DpkgStatus Status(long? cacheAge, params string[] installed) => DpkgStatusFact.ParseOutput(
        string.Concat(installed.Select(i => $"pkg\t{i.Split(' ')[0]}\tall\t{i.Split(' ')[1]}\tinstalled\n"))
        + (cacheAge is { } age ? $"cache_age\t{age}\n" : string.Empty));

    private static AptPlanner.Reads Reads(DpkgStatus status, AptSimulation? upgrade = null, AptSimulation? autoremove = null) =>
        new(status, null, upgrade, null, null, autoremove);

    [Fact]
    public void An_installed_package_with_a_stale_cache_is_in_sync_because_a_refresh_alone_is_no_change()
    {
        var plan = AptPlanner.Plan(new AptParams { Name = ["curl"], UpdateCache = true, CacheValidTime = 60 }, Reads(Status(7200, "curl 7.88")));

        Assert.False(plan.IsDrift);
        Assert.Equal("curl 7.88 is installed", plan.Reason);
        Assert.Equal(false, plan.Output["cache_updated"]);
    }

    [Fact]
    public void A_missing_package_with_a_stale_cache_refreshes_it_first()
    {
        var plan = AptPlanner.Plan(new AptParams { Name = ["curl"], UpdateCache = true }, Reads(Status(30)));

        var change = Assert.Single(plan.Changes);
        Assert.Equal(("package curl", "not installed", "present"), (change.Path, change.Before, change.After));
        Assert.True(((AptWork)plan.State!).RefreshCache);
    }

    [Fact]
    public void A_named_package_apt_marks_automatically_installed_is_a_change_to_manual_and_absent_or_unnamed_ones_are_not()
    {
        var status = DpkgStatusFact.ParseOutput("pkg\tbridge-utils\tamd64\t1.7.1-1\tinstalled\npkg\tcurl\tamd64\t7.88\tinstalled\nauto\tbridge-utils\ncache_age\t10\n");

        var present = AptPlanner.Plan(new AptParams { Name = ["bridge-utils", "curl"] }, Reads(status));
        var manual = AptPlanner.Plan(new AptParams { Name = ["curl"] }, Reads(status));
        var absent = AptPlanner.Plan(new AptParams { Name = ["bridge-utils"], State = "absent" }, Reads(status));

        Assert.Equal("package bridge-utils: automatically installed → manually installed", Assert.Single(present.Changes).ToString());
        Assert.Equal(["bridge-utils"], ((AptWork)present.State!).MarkManual);
        Assert.Null(((AptWork)present.State!).Packages);
        Assert.False(manual.IsDrift, manual.Reason);
        Assert.Equal("package bridge-utils: 1.7.1-1 amd64 → absent", Assert.Single(absent.Changes).ToString());
    }

    [Fact]
    public void Update_cache_alone_is_a_change_only_when_the_cache_is_older_than_cache_valid_time()
    {
        var fresh = AptPlanner.Plan(new AptParams { UpdateCache = true, CacheValidTime = 3600 }, Reads(Status(10)));
        var stale = AptPlanner.Plan(new AptParams { UpdateCache = true, CacheValidTime = 3600 }, Reads(Status(4000)));

        Assert.False(fresh.IsDrift);
        Assert.Equal("apt cache", Assert.Single(stale.Changes).Path);
        Assert.Equal("updated 4000 s ago", stale.Changes[0].Before);
    }

    [Fact]
    public void Upgrade_and_autoremove_are_planned_from_apt_get_simulations()
    {
        var upgrade = AptSimulation.Parse("NOTE: simulation\nInst libc6 [2.36-9] (2.36-9+deb12u4 Debian:12.5/stable [amd64])\nInst newdep (1.0 Debian:12.5/stable [all])\nConf libc6 (2.36-9+deb12u4 Debian:12.5/stable [amd64])\n");
        var autoremove = AptSimulation.Parse("Remv oldlib [0.9]\n");

        var plan = AptPlanner.Plan(new AptParams { Upgrade = "dist", Autoremove = true }, Reads(Status(10), upgrade, autoremove));

        Assert.Equal(
            ["package libc6: 2.36-9 → 2.36-9+deb12u4", "package newdep: not installed → 1.0", "package oldlib: 0.9 → removed"],
            plan.Changes.Select(c => $"{c.Path}: {c.Before} → {c.After}"));
    }

    [Fact]
    public void Only_upgrade_leaves_a_package_that_is_not_installed_alone()
    {
        var plan = AptPlanner.Plan(new AptParams { Name = ["curl"], State = "latest", OnlyUpgrade = true }, Reads(Status(10)));

        Assert.False(plan.IsDrift);
    }

    [Fact]
    public void A_deb_on_the_host_is_compared_by_version()
    {
        var parameters = new AptParams { Deb = "/tmp/x_1.0_all.deb" };

        var drift = AptPlanner.Plan(parameters, new(Status(10), new DebOnHost("/tmp/x_1.0_all.deb", "x", "1.0", "all", "0.9"), null, null, null, null));
        var same = AptPlanner.Plan(parameters, new(Status(10), new DebOnHost("/tmp/x_1.0_all.deb", "x", "1.0", "all", "1.0"), null, null, null, null));
        var missing = AptPlanner.Plan(parameters, new(Status(10), null, null, null, null, null));

        Assert.Equal("package x: 0.9 → 1.0 (from /tmp/x_1.0_all.deb)", drift.Changes.Single().ToString());
        Assert.False(same.IsDrift);
        Assert.True(missing.Assumed);
    }

    [Fact]
    public void A_wildcard_version_is_in_sync_when_the_installed_version_matches_it_and_installs_the_pattern_otherwise()
    {
        var parameters = new AptParams { Name = ["nodejs=20.*"] };

        var matching = AptPlanner.Plan(parameters, Reads(Status(30, "nodejs 20.11.1-1nodesource1")));
        var older = AptPlanner.Plan(parameters, Reads(Status(30, "nodejs 18.19.0-1nodesource1")));
        var missing = AptPlanner.Plan(parameters, Reads(Status(30)));

        Assert.False(matching.IsDrift, matching.Reason);
        Assert.Equal(("package nodejs", "18.19.0-1nodesource1", "20.*"), (older.Changes[0].Path, older.Changes[0].Before, older.Changes[0].After));
        Assert.Equal(["nodejs=20.*"], ((AptWork)missing.State!).Packages!.Install);
        Assert.Empty(new AptParamsValidator().Validate(parameters).Errors);
    }

    [Theory]
    [InlineData(101, null)]
    [InlineData(0, null)]
    [InlineData(256, "policy_rc_d must be an exit code from 0 to 255 (101 forbids starting services), not 256")]
    public void Policy_rc_d_is_an_exit_code(int code, string? message)
    {
        var errors = new AptParamsValidator().Validate(new AptParams { Name = ["mysql-server"], PolicyRcD = code }).Errors.Select(e => e.ErrorMessage);

        Assert.Equal(message is null ? [] : [message], errors);
    }

    [Fact]
    public void Policy_rc_d_binds_under_Ansible_s_name_and_a_templated_name_list_binds()
    {
        var variables = new Dictionary<string, object?> { ["mysql_packages"] = new List<object?> { "mysql-common", "mysql-server" } };

        var parameters = Common.ValidationProbe.Bind(new AptModule(), "{ name: \"{{ mysql_packages }}\", state: present, policy_rc_d: 101 }", variables);

        Assert.Equal(101, parameters.PolicyRcD);
        Assert.Equal(["mysql-common", "mysql-server"], parameters.Name);
    }

    [Theory]
    [InlineData("state: removed", "state must be one of present, absent, latest, build-dep, fixed, not 'removed'")]
    [InlineData("upgrade: everything", "upgrade must be one of no, yes, safe, full, dist, not 'everything'")]
    [InlineData("deb: https://example.invalid/x.deb", "deb must be a path on the host; download a URL first with get_url (Converge does not fetch it inside apt)")]
    [InlineData("dpkg_options: --force-confold", "dpkg_options must be dpkg options without dashes, separated by commas (e.g. force-confdef,force-confold), not '--force-confold'")]
    public void The_validator_names_what_is_wrong(string yaml, string message)
    {
        var (key, value) = (yaml.Split(": ")[0], yaml.Split(": ")[1]);
        var parameters = key switch
        {
            "state" => new AptParams { Name = ["curl"], State = value },
            "upgrade" => new AptParams { Upgrade = value },
            "deb" => new AptParams { Deb = value },
            _ => new AptParams { Name = ["curl"], DpkgOptions = value },
        };

        var result = new AptParamsValidator().Validate(parameters);

        Assert.Contains(message, result.Errors.Select(e => e.ErrorMessage));
    }
}
