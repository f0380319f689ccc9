using System.Text.Json.Serialization;

namespace Converge.Lab;

/// <summary>lab.json's serializer, generated at build time: the native build cannot make a nullable property's metadata at run time.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(LabState))]
internal sealed partial class LabStateJson : JsonSerializerContext;
