using System.CommandLine;
using Converge.Lab;
using Spectre.Console;

namespace Converge.Cli.Commands.Lab;

/// <summary>Options and error handling every lab verb shares.</summary>
internal static class LabOptions
{
    public static Option<string> Name() => new("--name", "-n")
    {
        Description = "The lab's name; several labs coexist by name.",
        DefaultValueFactory = _ => "lab",
    };

    public static Argument<string> Host() => new("host") { Description = "A host of the lab (e.g. node1, builder)." };

    public static Converge.Lab.Lab Engine() => Converge.Lab.Lab.Default(message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]"));

    /// <summary>Runs a verb; a lab error is one clear line and exit code 1.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        // Redirected output has no width; Spectre then assumes 80 columns and wraps boot ids and paths.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 200;
        }

        try
        {
            return await action();
        }
        catch (LabException e)
        {
            Console.Error.WriteLine("converge lab: " + e.Message);
            return 1;
        }
    }

    /// <summary>Runs a program with this terminal (ssh, nsenter) and returns its exit code.</summary>
    public static async Task<int> RunInteractiveAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new LabException($"cannot start {program}");
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }
}
