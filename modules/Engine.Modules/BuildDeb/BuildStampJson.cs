using System.Text.Json.Serialization;

namespace Converge.Modules.BuildDeb;

/// <summary>The build stamp's serializer, generated at build time (the native build has no run-time code generation).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(BuildStamp))]
internal sealed partial class BuildStampJson : JsonSerializerContext;
