using System.CommandLine;
using System.Globalization;
using Scheduler.Cli;
using Scheduler.Serving;

namespace Scheduler.Commands;

/// <summary>
/// <c>scheduler serve [--schedules DIR] [--data DIR | --store postgres --connection CS] [--urls URL] [--instance NAME] [--clock-start INSTANT --clock-rate FACTOR]</c>:
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
        var git = new Option<string?>("--git") { Description = "Pull the task files from this git repository (https:// URL with a token in SCHEDULER_GIT_TOKEN, file:// URL or local path) instead of watching --schedules." };
        var branch = new Option<string>("--branch") { Description = "The branch to follow with --git; force-pushes are followed.", DefaultValueFactory = _ => "main" };
        var gitPath = new Option<string>("--git-path") { Description = "The folder inside the repository that holds the task files.", DefaultValueFactory = _ => "schedules" };
        var gitInterval = new Option<string>("--git-interval") { Description = "How often to fetch (a duration: 60s, 5m); a webhook to POST /hooks/git fetches at once.", DefaultValueFactory = _ => "60s" };
        var store = new StoreFlags();
        var command = new Command("serve", "Run the scheduler: watch the task files (or pull them from git), fire every slot once, record every run, serve the status page.")
        {
            schedules, data, urls, instance, clockStart, clockRate, git, branch, gitPath, gitInterval, store.Store, store.Connection,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var configuration = ServeConfiguration.Load();
            var (storeKind, connection) = store.Read(result, configuration);
            var options = new ServeOptions(
                result.GetValue(schedules) ?? configuration["Scheduler:Schedules"] ?? "./schedules",
                result.GetValue(data) ?? configuration["Scheduler:Data"] ?? "./data",
                result.GetValue(urls) ?? configuration["Scheduler:Urls"] ?? "http://127.0.0.1:8080",
                result.GetValue(instance) ?? configuration["Scheduler:Instance"],
                ParseClockStart(result.GetValue(clockStart)),
                result.GetValue(clockRate) ?? 1,
                GitFlags(result.GetValue(git), result.GetRequiredValue(branch), result.GetRequiredValue(gitPath), result.GetRequiredValue(gitInterval)),
                storeKind,
                connection);

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

    private static GitServeOptions? GitFlags(string? url, string branch, string path, string interval)
    {
        if (url is null)
        {
            return null;
        }

        if (Engine.Reconciling.GitSourceOptions.CheckUrl(url) is { } problem)
        {
            throw new CommandFailedException($"--git: {problem}");
        }

        if (!Definitions.Values.Durations.TryParse(interval, out var every, out var error) || every < TimeSpan.FromSeconds(1))
        {
            throw new CommandFailedException($"--git-interval '{interval}': {error ?? "must be at least 1s"}. {Definitions.Values.Durations.Hint}");
        }

        return new GitServeOptions(url, branch, path, every);
    }

    private static DateTimeOffset? ParseClockStart(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start) ? start
        : throw new CommandFailedException($"--clock-start '{text}' is not an instant: write ISO 8601, e.g. 2026-10-24T23:00:00Z.");
}
