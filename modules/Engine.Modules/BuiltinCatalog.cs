using Converge.Core.Modules;
using Converge.Core.Planning;
using Converge.Modules.Apt;
using Converge.Modules.AptKey;
using Converge.Modules.AptRepository;
using Converge.Modules.Assertions;
using Converge.Modules.AuthorizedKey;
using Converge.Modules.BlockInFile;
using Converge.Modules.BuildDeb;
using Converge.Modules.Command;
using Converge.Modules.ConfigureDocker;
using Converge.Modules.Copy;
using Converge.Modules.Cron;
using Converge.Modules.Deb822Repository;
using Converge.Modules.Debconf;
using Converge.Modules.Debug;
using Converge.Modules.DpkgSelections;
using Converge.Modules.Fail;
using Converge.Modules.Fetch;
using Converge.Modules.Files;
using Converge.Modules.Find;
using Converge.Modules.GetUrl;
using Converge.Modules.Git;
using Converge.Modules.Group;
using Converge.Modules.Hostname;
using Converge.Modules.IncludeVars;
using Converge.Modules.IniFile;
using Converge.Modules.InstallPkg;
using Converge.Modules.KnownHosts;
using Converge.Modules.Line;
using Converge.Modules.LocaleGen;
using Converge.Modules.Mesh;
using Converge.Modules.Modprobe;
using Converge.Modules.Mount;
using Converge.Modules.Package;
using Converge.Modules.Pause;
using Converge.Modules.Ping;
using Converge.Modules.Raw;
using Converge.Modules.Reboot;
using Converge.Modules.Replace;
using Converge.Modules.Script;
using Converge.Modules.Service;
using Converge.Modules.SetFact;
using Converge.Modules.Setup;
using Converge.Modules.Shell;
using Converge.Modules.Slurp;
using Converge.Modules.Stat;
using Converge.Modules.Sudoers;
using Converge.Modules.Sysctl;
using Converge.Modules.Systemd;
using Converge.Modules.TempFile;
using Converge.Modules.Template;
using Converge.Modules.Timezone;
using Converge.Modules.Unarchive;
using Converge.Modules.Uri;
using Converge.Modules.User;
using Converge.Modules.WaitFor;
using Converge.Modules.WaitForConnection;
using Converge.Modules.WriteInterfaces;

namespace Converge.Modules;

/// <summary>The one explicit list of built-in modules and planners (no reflection scanning).</summary>
public static class BuiltinCatalog
{
    public static ModuleRegistry Modules()
    {
        var registry = new ModuleRegistry();
        registry.Register(new FileModule());
        registry.Register(new TemplateModule());
        registry.Register(new CopyModule());
        registry.Register(new CommandModule());
        registry.Register(new ShellModule());
        registry.Register(new LineModule("line"));
        registry.Register(new AssertModule());
        registry.Register(new ServiceModule());
        registry.Register(new WriteInterfacesModule());
        registry.Register(new ConfigureDockerModule());
        registry.Register(new InstallPkgModule());
        registry.Register(new BuildDebModule());
        registry.Register(new RebootModule());
        registry.Register(new SetupModule());

        // Users, system and control modules under Ansible's names (issue 13, helper modules-b).
        registry.Register(new SystemdModule("systemd"));
        registry.Register(new SystemdModule("systemd_service"));
        registry.Register(new DebugModule());
        registry.Register(new SetFactModule());
        registry.Register(new IncludeVarsModule());
        registry.Register(new FailModule());
        registry.Register(new PingModule());
        registry.Register(new RawModule());
        registry.Register(new UserModule());
        registry.Register(new GroupModule());
        registry.Register(new SysctlModule());
        registry.Register(new CronModule());
        registry.Register(new AuthorizedKeyModule());
        registry.Register(new HostnameModule());
        registry.Register(new TimezoneModule());
        registry.Register(new GitModule());
        registry.Register(new WaitForModule());
        registry.Register(new PauseModule());

        // Everyday package and file modules under Ansible's names (issue 13, packages and files).
        registry.Register(new AptModule());
        registry.Register(new PackageModule());
        registry.Register(new LineModule());
        registry.Register(new BlockInFileModule());
        registry.Register(new ReplaceModule());
        registry.Register(new StatModule());

        // Packages, system and access modules under Ansible's names (issue 13).
        registry.Register(new AptRepositoryModule());
        registry.Register(new Deb822RepositoryModule());
        registry.Register(new DpkgSelectionsModule());
        registry.Register(new KnownHostsModule());
        registry.Register(new MountModule());
        registry.Register(new SudoersModule());
        registry.Register(new WaitForConnectionModule());

        // File and network-data modules under Ansible's names (issue 13).
        registry.Register(new IniFileModule());
        registry.Register(new SlurpModule());
        registry.Register(new TempFileModule());
        registry.Register(new FindModule());
        registry.Register(new GetUrlModule());
        registry.Register(new UriModule());
        registry.Register(new ScriptModule());
        registry.Register(new FetchModule());

        // Archives, keys, debconf, locales and kernel modules under Ansible's names (issue 13).
        registry.Register(new UnarchiveModule());
        registry.Register(new ModprobeModule());
        registry.Register(new DebconfModule());
        registry.Register(new LocaleGenModule());
        registry.Register(new AptKeyModule());
        foreach (var rpm in new[] { "yum", "dnf", "zypper", "rpm_key", "yum_repository", "dnf5" })
        {
            registry.Refuse(rpm, "an RPM-family module; Converge manages Debian-family hosts (use apt, or package, which runs apt)");
        }

        // Other systems' package managers, refused for the same reason (roles carry them in their OS-specific task files).
        foreach (var (name, system) in new[] { ("zypper_repository", "SUSE"), ("pkgng", "FreeBSD"), ("pacman", "Arch Linux"), ("openbsd_pkg", "OpenBSD"), ("apk", "Alpine"), ("homebrew", "macOS") })
        {
            registry.Refuse(name, $"the {system} package manager's module; Converge manages Debian-family hosts (use apt, or package, which runs apt)");
        }

        return registry;
    }

    public static IReadOnlyList<IInventoryPlanner> Planners() =>
    [
        new MeshPlanner(),
    ];
}
