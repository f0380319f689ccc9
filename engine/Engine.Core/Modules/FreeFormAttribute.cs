namespace Converge.Core.Modules;

/// <summary>
/// Marks the params property that takes the module's value when it is written as a plain string,
/// e.g. <c>command: systemctl daemon-reload</c> binds to <c>Cmd</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FreeFormAttribute : Attribute;
