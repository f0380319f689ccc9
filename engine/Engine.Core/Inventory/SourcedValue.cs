using Converge.Core.Diagnostics;

namespace Converge.Core.Inventory;

/// <summary>A variable's plain value and the place that defined it.</summary>
internal readonly record struct SourcedValue(object? Value, SourceSpan Origin);
