namespace Converge.Lab;

/// <summary>
/// Where labs keep things on the machine. <see cref="Cache"/> holds the image (kept across labs and
/// runs), <see cref="State"/> one directory per lab (keys, disks, inventory; removed by down),
/// <see cref="Run"/> the supervisors' control files (pids, boot ids).
/// </summary>
public sealed record LabPaths(string Cache, string State, string Run)
{
    /// <summary>The standard places; <c>CONVERGE_LAB_CACHE</c> moves the image cache (e.g. a CI cache directory).</summary>
    public static LabPaths Default { get; } = new(
        Environment.GetEnvironmentVariable("CONVERGE_LAB_CACHE") is { Length: > 0 } cache ? cache : "/var/cache/converge/lab",
        "/var/lib/converge/lab",
        "/run/converge/lab");

    public string ImageFile => ImageFileOf(LabImageRecipe.DefaultName);

    public string ImageStamp => ImageStampOf(LabImageRecipe.DefaultName);

    /// <summary>The file of the image named <paramref name="image"/>; the default keeps its historic name.</summary>
    public string ImageFileOf(string image) => Path.Combine(Cache, image == LabImageRecipe.DefaultName ? "image.ext4" : $"image-{image}.ext4");

    public string ImageStampOf(string image) => Path.Combine(Cache, image == LabImageRecipe.DefaultName ? "image.stamp" : $"image-{image}.stamp");

    public string LabState(string name) => Path.Combine(State, name);

    public string LabRun(string name) => Path.Combine(Run, name);
}
