namespace Converge.Modules.WriteInterfaces;

/// <summary>What check computed for apply: the mesh file's content, and the main file's new content when its source line is missing.</summary>
public sealed record WriteInterfacesState(string? Content, string? InterfacesContent);
