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
using Converge.Modules.Gem;
using Converge.Modules.Getent;
using Converge.Modules.Git;
using Converge.Modules.Group;
using Converge.Modules.Hostname;
using Converge.Modules.Htpasswd;
using Converge.Modules.IncludeVars;
using Converge.Modules.IniFile;
using Converge.Modules.InstallPkg;
using Converge.Modules.KnownHosts;
using Converge.Modules.Line;
using Converge.Modules.LocaleGen;
using Converge.Modules.Mesh;
using Converge.Modules.Modprobe;
using Converge.Modules.Mount;
using Converge.Modules.Npm;
using Converge.Modules.Package;
using Converge.Modules.Pause;
using Converge.Modules.Ping;
using Converge.Modules.Pip;
using Converge.Modules.Raw;
using Converge.Modules.Reboot;
using Converge.Modules.Replace;
using Converge.Modules.Script;
using Converge.Modules.Service;
using Converge.Modules.ServiceFacts;
using Converge.Modules.SetFact;
using Converge.Modules.Setup;
using Converge.Modules.Shell;
using Converge.Modules.Slurp;
using Converge.Modules.Stat;
using Converge.Modules.Sudoers;
using Converge.Modules.Supervisorctl;
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

        // Facts and language packages the corpus of real roles uses (issue 13, helper mods5).
        registry.Register(new GetentModule());
        registry.Register(new ServiceFactsModule());
        registry.Register(new PipModule());
        registry.Register(new HtpasswdModule());
        registry.Register(new NpmModule());

        // Ruby gems and supervisord programs (issue 13, helper mods7).
        registry.Register(new GemModule());
        registry.Register(new SupervisorctlModule());
        foreach (var rpm in new[] { "yum", "dnf", "zypper", "rpm_key", "yum_repository", "dnf5" })
        {
            registry.Refuse(rpm, "an RPM-family module; Converge manages Debian-family hosts (use apt, or package, which runs apt)");
        }

        // Other systems' package managers, refused for the same reason (roles carry them in their OS-specific task files).
        foreach (var (name, system) in new[] { ("zypper_repository", "SUSE"), ("pkgng", "FreeBSD"), ("pacman", "Arch Linux"), ("openbsd_pkg", "OpenBSD"), ("apk", "Alpine"), ("homebrew", "macOS") })
        {
            registry.Refuse(name, $"the {system} package manager's module; Converge manages Debian-family hosts (use apt, or package, which runs apt)");
        }

        RefuseCollections(registry);
        return registry;
    }

    /// <summary>
    /// Modules of collections Converge does not carry, named with why, under their short and full names (a role
    /// may write either): the database servers' own modules, Jenkins' plugin manager and snapd.
    /// </summary>
    private static void RefuseCollections(ModuleRegistry registry)
    {
        foreach (var name in new[] { "mysql_db", "mysql_user", "mysql_replication", "mysql_variables", "mysql_query", "mysql_info", "mysql_role" })
        {
            var reason = $"a module of the community.mysql collection, which Converge does not provide (it talks to MySQL through a Python driver); run the SQL with command: mysql -e ... and a creates/unless guard";
            registry.Refuse(name, reason).Refuse("community.mysql." + name, reason);
        }

        foreach (var name in new[] { "postgresql_db", "postgresql_user", "postgresql_privs", "postgresql_query", "postgresql_ext", "postgresql_schema", "postgresql_info", "postgresql_membership", "postgresql_owner", "postgresql_pg_hba", "postgresql_set", "postgresql_slot", "postgresql_table", "postgresql_tablespace", "postgresql_lang", "postgresql_script" })
        {
            var reason = $"a module of the community.postgresql collection, which Converge does not provide (it talks to PostgreSQL through psycopg2); run the SQL with command: psql -c ... as the postgres user with a creates/unless guard";
            registry.Refuse(name, reason).Refuse("community.postgresql." + name, reason);
        }

        const string jenkins = "community.general's Jenkins plugin manager, which Converge does not provide (it drives Jenkins' HTTP API and update center, unreachable here); install plugins with the jenkins-plugin-cli command or get_url into JENKINS_HOME/plugins";
        registry.Refuse("jenkins_plugin", jenkins).Refuse("community.general.jenkins_plugin", jenkins);
        const string snap = "community.general's snap module, which Converge does not provide (no host here runs snapd and the Snap Store is unreachable); install the Debian package with apt instead";
        registry.Refuse("snap", snap).Refuse("community.general.snap", snap);
    }

    public static IReadOnlyList<IInventoryPlanner> Planners() =>
    [
        new MeshPlanner(),
    ];
}
