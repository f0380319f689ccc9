using Converge.Modules.Mesh;
using FluentValidation;

namespace Converge.Modules.ConfigureDocker;

/// <summary>Rejects, before any host is contacted, what dockerd would refuse at start or what exposes it.</summary>
public sealed class ConfigureDockerParamsValidator : AbstractValidator<ConfigureDockerParams>
{
    /// <summary>The daemon.json keys the named parameters set.</summary>
    public static readonly string[] ManagedKeys = ["bridge", "bip", "fixed-cidr", "mtu", "hosts"];

    public ConfigureDockerParamsValidator()
    {
        RuleFor(p => p.Format).Must(f => f is DockerFormat.Auto or DockerFormat.DaemonJson or DockerFormat.DefaultFile)
            .WithMessage("format must be auto, daemon-json or default-file, not '{PropertyValue}'");
        RuleFor(p => p.Bip).Null().When(p => p.Bridge is not null)
            .WithMessage(p => $"bridge ({p.Bridge}) and bip ({p.Bip}) cannot both be set: dockerd refuses -b together with --bip; the bridge's address comes from the interfaces file");
        RuleFor(p => p.Bip).Must(b => b!.Contains('/', StringComparison.Ordinal) && Ipv4Cidr.TryParseAddress(b.Split('/')[0], out _)).When(p => p.Bip is not null)
            .WithMessage("bip '{PropertyValue}' must be the bridge address with its prefix, e.g. 172.17.42.1/16");
        RuleFor(p => p.FixedCidr).Must(c => Ipv4Cidr.TryParse(c, out _, out _)).When(p => p.FixedCidr is not null)
            .WithMessage(p => $"fixed_cidr: {Problem(p.FixedCidr)}");
        RuleFor(p => p.Mtu).InclusiveBetween(576, 65535).When(p => p.Mtu is not null).WithMessage("mtu must be from 576 to 65535, not {PropertyValue}");
        RuleForEach(p => p.Hosts).Must(h => h.StartsWith("unix://", StringComparison.Ordinal) || h.StartsWith("tcp://", StringComparison.Ordinal) || h.StartsWith("fd://", StringComparison.Ordinal))
            .WithMessage("hosts: '{PropertyValue}' must start with unix://, tcp:// or fd://");
        RuleForEach(p => p.Hosts).Must((p, h) => !ExposedWithoutTls(p, h))
            .WithMessage("hosts: {PropertyValue} without TLS lets anyone who reaches the port control Docker as root; bind it to the host's docker0 address (the seed's advice), set options tlsverify: true with certificates, or set allow_insecure_tcp: true");
        RuleForEach(p => FlagHosts(p.Flags)).Must((p, h) => !ExposedWithoutTls(p, h)).OverridePropertyName("flags")
            .WithMessage("flags: -H {PropertyValue} without TLS lets anyone who reaches the port control Docker as root; bind it to the host's docker0 address (the seed's advice), add --tlsverify with certificates, or set allow_insecure_tcp: true");
        RuleForEach(p => p.Options.Keys).Must(k => !ManagedKeys.Contains(k)).OverridePropertyName("options")
            .WithMessage("options: '{PropertyValue}' has its own parameter; set it there (once)");
        RuleFor(p => p.Options).Empty().When(p => p.Format == DockerFormat.DefaultFile)
            .WithMessage("options are daemon.json keys; with format default-file pass dockerd flags in flags");
        RuleFor(p => p.Flags).Empty().When(p => p.Format == DockerFormat.DaemonJson)
            .WithMessage("flags are dockerd flags for /etc/default/docker; with format daemon-json set daemon.json keys in options");
        RuleForEach(p => p.Flags).Must((p, f) => !Duplicated(p, f))
            .WithMessage("flags: {PropertyValue} repeats a setting that has its own parameter; set it there (once)");
        RuleForEach(p => p.WaitIp).InclusiveBetween(1, 600).WithMessage("wait_ip: {PropertyValue} seconds must be from 1 to 600");
        RuleFor(p => p.DaemonJsonPath).Must(p => p.StartsWith('/')).WithMessage("daemon_json_path must be absolute");
        RuleFor(p => p.DefaultFilePath).Must(p => p.StartsWith('/')).WithMessage("default_file_path must be absolute");
    }

    /// <summary>TLS is on when daemon.json options or flags turn on <c>tls</c> or <c>tlsverify</c>.</summary>
    public static bool TlsEnabled(ConfigureDockerParams p) =>
        p.Options.Any(o => o.Key is "tls" or "tlsverify" && o.Value is true)
        || DockerFlags.KeysOf(p.Flags).Any(f => f.Key is "tls" or "tlsverify");

    private static bool ExposedWithoutTls(ConfigureDockerParams p, string host)
    {
        if (p.AllowInsecureTcp || TlsEnabled(p) || !host.StartsWith("tcp://", StringComparison.Ordinal))
        {
            return false;
        }

        var address = host["tcp://".Length..];
        var colon = address.LastIndexOf(':');
        var bind = colon < 0 ? address : address[..colon];
        return bind is "" or "0.0.0.0" or "[::]" or "::" or "*";
    }

    /// <summary>The listeners among flags: <c>-H ADDRESS</c>, <c>--host ADDRESS</c>, <c>-H=ADDRESS</c>, <c>--host=ADDRESS</c>.</summary>
    private static IEnumerable<string> FlagHosts(IReadOnlyList<string> flags)
    {
        var tokens = flags.SelectMany(DockerFlags.Split).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var name = tokens[i].Split('=')[0];
            if (name is "-H" or "--host")
            {
                var value = tokens[i].Contains('=', StringComparison.Ordinal) ? tokens[i][(tokens[i].IndexOf('=', StringComparison.Ordinal) + 1)..] : i + 1 < tokens.Count ? tokens[i + 1] : string.Empty;
                yield return value;
            }
        }
    }

    private static bool Duplicated(ConfigureDockerParams p, string flag)
    {
        var key = DockerFlags.KeysOf([flag]).FirstOrDefault().Key;
        return key switch
        {
            "bridge" => p.Bridge is not null,
            "bip" => p.Bip is not null,
            "fixed-cidr" => p.FixedCidr is not null,
            "mtu" => p.Mtu is not null,
            "hosts" => p.Hosts.Count > 0,
            _ => false,
        };
    }

    private static string? Problem(string? cidr) => Ipv4Cidr.TryParse(cidr, out _, out var problem) ? null : problem;
}
