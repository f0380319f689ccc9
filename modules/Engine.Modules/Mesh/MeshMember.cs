namespace Converge.Modules.Mesh;

/// <summary>A host of the mesh group and its resolved inventory variables.</summary>
internal sealed record MeshMember(string Name, IReadOnlyDictionary<string, object?> Variables);
