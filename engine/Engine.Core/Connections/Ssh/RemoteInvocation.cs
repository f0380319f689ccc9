using System.Security.Cryptography;
using System.Text;
using Converge.Core.Diagnostics;
using Converge.Core.Secrets;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// A shell script as sent to the persistent shell, with its <c>become</c> applied.
/// <para>
/// Become runs <c>sudo -u USER -- /bin/sh -c SCRIPT</c>: <c>-n</c> without a password, otherwise <c>-S -p ''</c>
/// with the password as the first line of standard input (never in argv, so never in <c>ps</c> or logs).
/// Whether sudo reads that line depends on the sudoers rule (NOPASSWD) and on sudo's cached credentials,
/// so a random marker line follows it and the script first reads one line, and a second one unless the
/// first was the marker: either way the password never reaches the command's own standard input.
/// </para>
/// <para>
/// The script also prints the marker on standard error before anything else. Text before it (sudo's
/// lecture, "Sorry, try again") is sudo's and is dropped; no marker at all means sudo refused, which is
/// reported as a failure of the become rather than returned as if the command had failed.
/// </para>
/// </summary>
public sealed record RemoteInvocation(string Text, byte[] StandardInputPrefix, string? Marker, Become? Become, string What)
{
    public static RemoteInvocation For(string script, Become? become, string loginUser, string what)
    {
        if (become is null || become.User == loginUser)
        {
            return new RemoteInvocation(script, [], null, null, what);
        }

        var marker = "converge-become-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var user = ShellQuote.Quote(become.User);
        if (become.Password is null)
        {
            var inner = $"printf '%s\\n' {marker} >&2; {script}";
            return new RemoteInvocation($"sudo -n -u {user} -- /bin/sh -c {ShellQuote.Quote(inner)}", [], marker, become, what);
        }

        var password = become.Password.Reveal();
        if (password.Contains('\n', StringComparison.Ordinal))
        {
            throw new TaskFailedException("become: a sudo password cannot contain a line break");
        }

        var consume = $"IFS= read -r converge_line; [ \"$converge_line\" = {marker} ] || IFS= read -r converge_line; ";
        var withPassword = $"printf '%s\\n' {marker} >&2; {consume}{script}";
        return new RemoteInvocation(
            $"sudo -S -p '' -u {user} -- /bin/sh -c {ShellQuote.Quote(withPassword)}",
            Encoding.UTF8.GetBytes(password + "\n" + marker + "\n"),
            marker,
            become,
            what);
    }

    /// <summary>Removes sudo's own text from standard error, or throws when sudo refused to run the script.</summary>
    public string FinishStderr(string stderr, int? exitCode, Redactor redactor)
    {
        if (Marker is null)
        {
            return stderr;
        }

        var line = Marker + "\n";
        var at = stderr.IndexOf(line, StringComparison.Ordinal);
        if (at >= 0)
        {
            return stderr[(at + line.Length)..];
        }

        var reason = stderr switch
        {
            _ when stderr.Contains("a password is required", StringComparison.Ordinal) =>
                "sudo asks for a password; set ansible_become_password for this host",
            _ when stderr.Contains("incorrect password", StringComparison.Ordinal) || stderr.Contains("Sorry, try again", StringComparison.Ordinal) =>
                "sudo rejected the become password",
            _ when stderr.Contains("not in the sudoers file", StringComparison.Ordinal) || stderr.Contains("not allowed to execute", StringComparison.Ordinal) =>
                "the login user may not run commands as this user through sudo",
            _ when stderr.Contains("not found", StringComparison.Ordinal) => "sudo is not installed on the host",
            _ => "sudo failed",
        };
        throw new TaskFailedException(
            redactor.Redact($"become {Become!.User} failed for `{What}`: {reason}"),
            redactor.Redact(What),
            exitCode,
            redactor.Redact(new CommandResult(exitCode, null, string.Empty, stderr).StderrTail()));
    }
}
