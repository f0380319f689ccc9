namespace Converge.Modules.Pip;

/// <summary>Params of <c>pip</c> (ansible.builtin.pip, 2.14: names, defaults and exclusions): Python packages in a virtualenv or for the host's Python.</summary>
public sealed record PipParams
{
    /// <summary>Requirement specifiers (<c>flask</c>, <c>flask&gt;=2,&lt;3</c>), or paths and URLs pip accepts.</summary>
    public IReadOnlyList<string>? Name { get; init; }

    /// <summary>The version of the one package in <see cref="Name"/> (<c>1.2</c> means <c>==1.2</c>; <c>&gt;=1.2</c> is kept).</summary>
    public string? Version { get; init; }

    /// <summary>A requirements file on the host (relative to <see cref="Chdir"/>).</summary>
    public string? Requirements { get; init; }

    /// <summary><c>present</c> (default), <c>absent</c>, <c>latest</c> or <c>forcereinstall</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>A virtualenv on the host, created with <see cref="VirtualenvCommand"/> when it has no <c>bin/activate</c>.</summary>
    public string? Virtualenv { get; init; }

    public bool VirtualenvSitePackages { get; init; }

    /// <summary>How the virtualenv is made: <c>virtualenv</c> (default), or e.g. <c>python3 -m venv</c>.</summary>
    public string VirtualenvCommand { get; init; } = "virtualenv";

    /// <summary>The Python of a new virtualenv (<c>-p</c>; not with <c>-m venv</c>, as in Ansible).</summary>
    public string? VirtualenvPython { get; init; }

    /// <summary>More words for pip (e.g. <c>--no-index --find-links /srv/wheels</c>).</summary>
    public string? ExtraArgs { get; init; }

    /// <summary>Install in editable mode (<c>-e</c>).</summary>
    public bool Editable { get; init; }

    /// <summary>The working directory of pip and of the virtualenv command (default: the host's temporary directory).</summary>
    public string? Chdir { get; init; }

    /// <summary>The pip to run (<c>pip3.11</c>, <c>/opt/py/bin/pip</c>); not with <see cref="Virtualenv"/>.</summary>
    public string? Executable { get; init; }

    /// <summary>The umask pip runs with, in octal (<c>0022</c>).</summary>
    public string? Umask { get; init; }
}
