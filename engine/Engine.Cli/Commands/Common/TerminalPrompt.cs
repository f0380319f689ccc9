using Converge.Core.Playbooks;

namespace Converge.Cli.Commands.Common;

/// <summary>Asks a play's <c>vars_prompt</c> question on the terminal, as ansible-playbook does; null without a terminal.</summary>
internal static class TerminalPrompt
{
    public static string? Ask(VarsPrompt prompt)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        var question = prompt.Default is null ? $"{prompt.Prompt}: " : $"{prompt.Prompt} [{prompt.Default}]: ";
        while (true)
        {
            var typed = Read(question, prompt.Private);
            if (!prompt.Confirm || typed is null || Read($"confirm {question}", prompt.Private) == typed)
            {
                return typed;
            }

            Console.Error.WriteLine("***** VALUES ENTERED DO NOT MATCH ****");
        }
    }

    private static string? Read(string question, bool hidden)
    {
        if (hidden)
        {
            return VaultOptions.Prompt(question);
        }

        Console.Error.Write(question);
        return Console.ReadLine();
    }
}
