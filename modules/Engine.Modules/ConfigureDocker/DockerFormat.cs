namespace Converge.Modules.ConfigureDocker;

/// <summary>The spelled-out formats of <see cref="ConfigureDockerParams.Format"/>.</summary>
public static class DockerFormat
{
    public const string Auto = "auto";

    public const string DaemonJson = "daemon-json";

    public const string DefaultFile = "default-file";
}
