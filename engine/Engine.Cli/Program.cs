using Converge.Cli.Commands;

return await ConvergeCommand.RunAsync(args);
