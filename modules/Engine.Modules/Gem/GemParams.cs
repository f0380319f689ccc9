using Converge.Core.Modules;

namespace Converge.Modules.Gem;

/// <summary>Params of <c>gem</c> (community.general, as shipped with Debian's ansible 7: names, defaults and exclusions): a Ruby gem present, at a version, latest or absent.</summary>
public sealed record GemParams
{
    /// <summary>The gem's name (required).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary><c>present</c> (default), <c>absent</c> or <c>latest</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>The version to install or remove (<c>gem --version</c>); without it any installed version counts.</summary>
    public string? Version { get; init; }

    /// <summary>A local <c>.gem</c> file on the host to install from (instead of a repository).</summary>
    public string? GemSource { get; init; }

    /// <summary>The gem source to install from and to ask for <c>latest</c> (<c>gem --source</c>: a URL, or <c>file:///DIR</c> holding an index).</summary>
    [ParamAlias("source")]
    public string? Repository { get; init; }

    /// <summary>Install into the user's own gem folder (<c>--user-install</c>, the default) or not (<c>--no-user-install</c>).</summary>
    public bool UserInstall { get; init; } = true;

    /// <summary>Install dependencies too (the default); false adds <c>--ignore-dependencies</c>.</summary>
    public bool IncludeDependencies { get; init; } = true;

    /// <summary>The gem command, split at spaces as Ansible does (e.g. <c>/opt/ruby/bin/gem</c>).</summary>
    public string? Executable { get; init; }

    /// <summary>Where gems are installed (<c>--install-dir</c>; queried with <c>GEM_HOME</c>); needs <c>user_install: false</c>.</summary>
    public string? InstallDir { get; init; }

    /// <summary>Where the gem's executables go (<c>--bindir</c>).</summary>
    public string? Bindir { get; init; }

    /// <summary>Skip the gemrc files (<c>--norc</c>, for RubyGems 2.5.2 and later), as Ansible does by default.</summary>
    public bool Norc { get; init; } = true;

    /// <summary>Rewrite the executables' shebang to <c>/usr/bin/env</c> (<c>--env-shebang</c>).</summary>
    public bool EnvShebang { get; init; }

    /// <summary>Allow pre-release versions (<c>--pre</c>).</summary>
    public bool PreRelease { get; init; }

    /// <summary>Install the documentation (without it, <c>--no-document</c>).</summary>
    public bool IncludeDoc { get; init; }

    /// <summary>Flags for the gem's native build, passed after <c>--</c> as one word, as Ansible does.</summary>
    public string? BuildFlags { get; init; }

    /// <summary>Force the install or removal (<c>--force</c>).</summary>
    public bool Force { get; init; }
}
