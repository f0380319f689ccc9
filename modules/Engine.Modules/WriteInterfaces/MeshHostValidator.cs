using System.Net;
using FluentValidation;
using Converge.Modules.Mesh;

namespace Converge.Modules.WriteInterfaces;

/// <summary>Validates a <see cref="MeshHost"/> given to <c>write-interfaces</c> (by the planner or by hand).</summary>
public sealed class MeshHostValidator : AbstractValidator<MeshHost>
{
    public MeshHostValidator()
    {
        RuleFor(h => h.Switch).Must(s => s is "ovs" or "linux-bridge").WithMessage("mesh.switch must be ovs or linux-bridge, not '{PropertyValue}'");
        RuleFor(h => h.Datapath).Must(s => s is "system" or "netdev").WithMessage("mesh.datapath must be system or netdev, not '{PropertyValue}'");
        RuleFor(h => h.Datapath).Equal("system").When(h => h.Switch == "linux-bridge").WithMessage("mesh.datapath netdev needs switch: ovs");
        RuleFor(h => h.Tunnel).Must(s => s is "gre" or "vxlan").WithMessage("mesh.tunnel must be gre or vxlan, not '{PropertyValue}'");
        RuleFor(h => h.Stp).Must(s => s is "off" or "stp" or "rstp").WithMessage("mesh.stp must be off, stp or rstp, not '{PropertyValue}'");
        RuleFor(h => h.Stp).NotEqual("rstp").When(h => h.Switch == "linux-bridge").WithMessage("mesh.stp rstp needs switch: ovs");
        RuleFor(h => h.Mtu).InclusiveBetween(576, 65535).WithMessage("mesh.mtu must be from 576 to 65535, not {PropertyValue}");
        RuleFor(h => h.UnderlayAddress).Must(a => IPAddress.TryParse(a, out _)).WithMessage("mesh.underlay_address '{PropertyValue}' is not an IP address");
        RuleFor(h => h.Address).Must(a => Ipv4Cidr.TryParseAddress(a, out _)).WithMessage("mesh.address '{PropertyValue}' is not an IPv4 address");
        RuleFor(h => h.Netmask).Must(a => Ipv4Cidr.TryParseAddress(a, out _)).WithMessage("mesh.netmask '{PropertyValue}' is not an IPv4 netmask");
        RuleFor(h => h.Network).Must(a => Ipv4Cidr.TryParseAddress(a, out _)).WithMessage("mesh.network '{PropertyValue}' is not an IPv4 address");
        RuleForEach(h => h.Ports).Must(p => p.Name.Length is > 0 and <= 15).WithMessage("mesh.ports: interface name '{PropertyValue}' must have 1 to 15 characters");
        RuleForEach(h => h.Ports).Must(p => IPAddress.TryParse(p.RemoteIp, out _)).WithMessage("mesh.ports: remote_ip of a port is not an IP address");
        RuleForEach(h => h.Ports).Must(p => p.Vni is not null).When(h => h.Tunnel == "vxlan" && h.Switch == "linux-bridge")
            .WithMessage("mesh.ports: every vxlan port needs a vni");
        RuleFor(h => h.Ports).Must(p => p.Select(x => x.Name).Distinct().Count() == p.Count).WithMessage("mesh.ports: port names must be unique");
    }
}
