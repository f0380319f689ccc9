using Converge.Modules.Package;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Package;

/// <summary>
/// package on a Debian-family host is apt: as Ansible's package action hands the backend every argument, the apt
/// parameters written under package reach apt, and a yum/dnf-only one is refused with the reason.
/// </summary>
public sealed class PackageParamsTests
{
    private readonly PackageModule _module = new();

    [Fact]
    public void The_apt_parameters_written_under_package_reach_apt()
    {
        var parameters = ValidationProbe.Bind(_module, "{name: docker-ce, state: present, allow_downgrade: true, update_cache: yes, cache_valid_time: 600, install_recommends: no, default_release: bookworm-backports}");

        var apt = PackageModule.Apt(parameters);

        Assert.Equal(["docker-ce"], apt.Name);
        Assert.True(apt.AllowDowngrade);
        Assert.True(apt.UpdateCache);
        Assert.Equal(600, apt.CacheValidTime);
        Assert.False(apt.InstallRecommends);
        Assert.Equal("bookworm-backports", apt.DefaultRelease);
    }

    [Fact]
    public void Update_cache_alone_is_a_valid_package_task_as_it_is_for_apt()
    {
        Assert.Empty(ValidationProbe.Problems(_module, "{update_cache: true, cache_valid_time: 600}"));
        Assert.Null(PackageModule.Apt(ValidationProbe.Bind(_module, "{update_cache: true}")).Name);
        Assert.Contains("give name (the packages), or update_cache alone", ValidationProbe.Problems(_module, "{state: present}").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_yum_only_parameter_is_refused_with_the_reason()
    {
        var problems = ValidationProbe.Problems(_module, "{name: git, enablerepo: epel, disablerepo: [base]}");

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("package: enablerepo is a yum/dnf parameter; on Debian-family hosts package runs apt, which does not take it", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("package: disablerepo is a yum/dnf parameter", StringComparison.Ordinal));
    }
}
