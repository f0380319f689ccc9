namespace Converge.Lab;

/// <summary>One full-MTU ping with DF from the container on <see cref="From"/> to the one on <see cref="To"/>.</summary>
public sealed record MeshPing(string From, string To, string Address, int PayloadBytes, bool Passed, string Detail);
