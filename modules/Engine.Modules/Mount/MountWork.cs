namespace Converge.Modules.Mount;

/// <summary>What a mount check found to do: fstab's new text (null: leave it), then the live action (<c>mount</c>, <c>umount</c>, <c>remount</c> or null).</summary>
public sealed record MountWork(string? FstabText, bool FstabIsNew, string? Action);
