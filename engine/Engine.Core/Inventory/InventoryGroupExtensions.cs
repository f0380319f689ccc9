namespace Converge.Core.Inventory;

/// <summary>Set operations over several groups.</summary>
internal static class InventoryGroupExtensions
{
    public static IEnumerable<InventoryGroup> SelfAndAncestorsOfAll(this IEnumerable<InventoryGroup> groups) =>
        groups.SelectMany(g => g.SelfAndAncestors()).Distinct();
}
