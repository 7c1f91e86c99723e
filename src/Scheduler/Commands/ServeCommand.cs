using System.CommandLine;
using System.Globalization;
using Scheduler.Cli;
using Scheduler.Serving;

namespace Scheduler.Commands;

/// <summary>
/// <c>scheduler serve [--schedules DIR] [--data DIR] [--urls URL] [--instance NAME] [--clock-start INSTANT --clock-rate FACTOR]</c>:
/// the runtime. Runs until SIGTERM or Ctrl-C, then stops its runs gracefully and exits 0.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var schedules = new Option<string?>("--schedules") { Description = "The folder of task files to watch (default ./schedules, or Scheduler:Schedules)." };
        var data = new Option<string?>("--data") { Description = "The folder of the state store, scheduler.db (default ./data, or Scheduler:Data)." };
        var urls = new Option<string?>("--urls") { Description = "Where the page and /healthz listen (default http://127.0.0.1:8080: loopback only)." };
        var instance = new Option<string?>("--instance") { Description = "This process's name in the store (default: the host name). Give each process on one store its own." };
        var clockStart = new Option<string?>("--clock-start") { Description = "Run on a virtual clock starting at this instant (ISO 8601), for demos and tests." };
        var clockRate = new Option<double?>("--clock-rate") { Description = "How many times faster than real time the virtual clock runs (default 1)." };
        var command = new Command("serve", "Run the scheduler: watch the task files, fire every slot once, record every run, serve /healthz and /readyz.")
        {
            schedules, data, urls, instance, clockStart, clockRate,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var configuration = ServeConfiguration.Load();
            var options = new ServeOptions(
                result.GetValue(schedules) ?? configuration["Scheduler:Schedules"] ?? "./schedules",
                result.GetValue(data) ?? configuration["Scheduler:Data"] ?? "./data",
                result.GetValue(urls) ?? configuration["Scheduler:Urls"] ?? "http://127.0.0.1:8080",
                result.GetValue(instance) ?? configuration["Scheduler:Instance"],
                ParseClockStart(result.GetValue(clockStart)),
                result.GetValue(clockRate) ?? 1);
            if (options.ClockStart is null && result.GetValue(clockRate) is not null)
            {
                throw new CommandFailedException("--clock-rate needs --clock-start.");
            }

            if (options.ClockRate is <= 0 or > 100_000)
            {
                throw new CommandFailedException($"--clock-rate {options.ClockRate} is out of range: use more than 0 and at most 100000.");
            }

            return await ServeRunner.RunAsync(options, context, cancellationToken);
        });
        return command;
    }

    private static DateTimeOffset? ParseClockStart(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start) ? start
        : throw new CommandFailedException($"--clock-start '{text}' is not an instant: write ISO 8601, e.g. 2026-10-24T23:00:00Z.");
}
