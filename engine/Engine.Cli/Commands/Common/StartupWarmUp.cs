using Converge.Core.Connections.Ssh;
using Converge.Modules;

namespace Converge.Cli.Commands.Common;

/// <summary>
/// Start-up runs on one thread until the playbook is loaded (parsing the command line and the files), and at 25-50
/// hosts that is a fifth of a run's wall time with the second core idle (issue 14). Work the run needs later anyway,
/// and that depends on no input, is started there at once: the template engine's function library, the module
/// catalog, and for the verbs that connect, the SSH layer's one-time set-up (<see cref="SshWarmUp"/>). The main
/// thread finds it done, or waits for the part it needs (a type's initializer runs once), so the result is the same.
/// </summary>
internal static class StartupWarmUp
{
    public static void Begin(IReadOnlyList<string> args)
    {
        var verb = args.Count > 0 ? args[0] : string.Empty;
        if (verb is not ("apply" or "check" or "validate" or "graph"))
        {
            return;
        }

        var connects = verb is "apply" or "check";
        ThreadPool.UnsafeQueueUserWorkItem(
            static connects =>
            {
                try
                {
                    _ = ConvergeEngine.Templates;
                    _ = BuiltinCatalog.Modules();
                    if (connects)
                    {
                        SshWarmUp.Run();
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Only a head start: the main thread runs the same code when it needs it, and reports a failure then.
                }
            },
            connects,
            preferLocal: false);
    }
}
