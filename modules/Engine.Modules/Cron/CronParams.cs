using Converge.Core.Modules;

namespace Converge.Modules.Cron;

/// <summary>Params of <c>cron</c>, Ansible's names, aliases and defaults: a named job (or variable) in a user's crontab or a cron.d file.</summary>
public sealed record CronParams
{
    /// <summary>The job's name, written as the <c>#Ansible: NAME</c> marker line above it (the variable's name with <c>env</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Whose crontab (default: the connection's user); with <c>cron_file</c>, the user the job runs as.</summary>
    public string? User { get; init; }

    /// <summary>The command (the variable's value with <c>env</c>).</summary>
    [ParamAlias("value")]
    public string? Job { get; init; }

    /// <summary><c>present</c> or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>A file under <c>/etc/cron.d</c> (relative) or an absolute path, instead of the user's crontab.</summary>
    public string? CronFile { get; init; }

    /// <summary>Keep a copy of the crontab before a change.</summary>
    public bool Backup { get; init; }

    public string Minute { get; init; } = "*";

    public string Hour { get; init; } = "*";

    [ParamAlias("dom")]
    public string Day { get; init; } = "*";

    public string Month { get; init; } = "*";

    [ParamAlias("dow")]
    public string Weekday { get; init; } = "*";

    /// <summary><c>reboot</c>, <c>yearly</c>, <c>annually</c>, <c>monthly</c>, <c>weekly</c>, <c>daily</c> or <c>hourly</c> instead of the time fields.</summary>
    public string? SpecialTime { get; init; }

    /// <summary>Keep the job but commented out.</summary>
    public bool Disabled { get; init; }

    /// <summary>Manage a <c>NAME="value"</c> variable line instead of a job.</summary>
    public bool Env { get; init; }

    /// <summary>With <c>env</c>, put a new variable after this one (default: at the top).</summary>
    public string? Insertafter { get; init; }

    /// <summary>With <c>env</c>, put a new variable before this one.</summary>
    public string? Insertbefore { get; init; }
}
