using Scheduler.Cli;

return CliApp.Run(args, CliContext.FromConsole());
