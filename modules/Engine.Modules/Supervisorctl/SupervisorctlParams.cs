using Converge.Core.Secrets;

namespace Converge.Modules.Supervisorctl;

/// <summary>Params of <c>supervisorctl</c> (community.general, as shipped with Debian's ansible 7): a supervisord program or group present, started, stopped, restarted, signalled or absent.</summary>
public sealed record SupervisorctlParams
{
    /// <summary>The program, or a group written <c>NAME:</c> (every program of the group); <c>all</c> matches every program.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Required: <c>present</c>, <c>started</c>, <c>stopped</c>, <c>restarted</c>, <c>absent</c> or <c>signalled</c>.</summary>
    public string State { get; init; } = string.Empty;

    /// <summary>The signal for <c>signalled</c> (<c>HUP</c>, <c>USR1</c>, …).</summary>
    public string? Signal { get; init; }

    /// <summary>supervisorctl's configuration file (<c>-c</c>).</summary>
    public string? Config { get; init; }

    /// <summary>The supervisord to talk to (<c>-s</c>: <c>unix:///run/supervisor.sock</c>, <c>http://127.0.0.1:9001</c>).</summary>
    public string? ServerUrl { get; init; }

    /// <summary>The user for supervisord's authentication (<c>-u</c>).</summary>
    public string? Username { get; init; }

    /// <summary>The password for supervisord's authentication: a secret, handed to supervisorctl on its standard input, never in its arguments.</summary>
    public Secret? Password { get; init; }

    /// <summary>The supervisorctl to run (default: the one on PATH).</summary>
    public string? SupervisorctlPath { get; init; }
}
