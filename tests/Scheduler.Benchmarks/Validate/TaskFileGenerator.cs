using System.Globalization;
using System.Text;

namespace Scheduler.Benchmarks.Validate;

/// <summary>
/// Writes a folder of realistic, valid task files: nested team/service folders, every schedule kind
/// and handler, several zones, templates in some strings, and the optional keys real files use.
/// Seeded, so every run (and every machine) measures the same set.
/// </summary>
internal sealed partial class TaskFileGenerator
{
    private static readonly string[] Zones =
    [
        "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "Europe/London",
        "America/Los_Angeles", "Asia/Tokyo", "America/Sao_Paulo", "Pacific/Auckland", "UTC",
    ];

    // Mixes interval-style and fixed-time expressions; "30 2 * * *" and friends fall into DST changes
    // in some zones on purpose, so the DST-notice path (warnings, not errors) is measured too.
    private static readonly string[] FiveFieldCrons =
    [
        "*/5 * * * *", "0 * * * *", "30 2 * * *", "15 4 * * 1-5", "0 9 1 * *", "0 0 13 * 5", "0,30 8-18 * * mon-fri",
        "45 23 * * sun", "0 */6 * * *", "10 1 1 jan,jul *", "5 3 * * *", "*/15 9-17 * * 1-5", "0 12 * * 6,0", "20 2 * * *",
    ];

    private static readonly string[] SixFieldCrons =
    [
        "0 */15 * * * *", "30 0 6 * * *", "*/20 * * * * *", "0 30 2 * * sat", "15 0 0 * * *", "0 0 */2 * * *",
    ];

    private static readonly string[] DailyTimes = ["04:00", "02:30", "23:15", "06:45:30", "12:00", "1:05", "18:30"];

    private static readonly string[][] WeeklyDays =
    [
        ["mon", "tue", "wed", "thu", "fri"], ["sat"], ["sun"], ["monday", "thursday"], ["fri"], ["tue", "sat"],
    ];

    private static readonly string[] Intervals = ["30s", "1m", "5m", "15m", "45m", "1h", "1h30m", "6h", "12h", "1d", "90s"];

    private static readonly string[] Programs = ["/usr/local/bin/report", "python3", "dotnet", "rsync", "./bin/export", "curl"];

    private static readonly string[] EnvNames = ["APP_ENV", "LOG_LEVEL", "REGION", "BATCH_SIZE", "OUTPUT_DIR", "FEATURE_FLAGS", "DB_HOST"];

    private readonly Random _random;

    public TaskFileGenerator(int seed) =>
        // Reproducibility, not unpredictability, is the point here.
        _random = new Random(seed);

    /// <summary>Writes <paramref name="count"/> files under <paramref name="root"/> and returns what each holds.</summary>
    public IReadOnlyList<GeneratedTask> Write(string root, int count)
    {
        var tasks = new List<GeneratedTask>(count);
        for (var i = 0; i < count; i++)
        {
            // About 20 jobs per service and 25 services per team: deep enough to exercise the recursive listing.
            var relative = string.Create(CultureInfo.InvariantCulture, $"team-{i / 500:D2}/service-{i / 20 % 25:D2}/job-{i:D4}.yaml");
            var (text, task) = Generate(relative, i);
            var full = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            tasks.Add(task);
        }

        return tasks;
    }

    private (string Text, GeneratedTask Task) Generate(string relative, int index)
    {
        var yaml = new StringBuilder();
        var templates = new List<string>();
        var service = string.Create(CultureInfo.InvariantCulture, $"svc-{index / 20 % 25:D2}");
        if (Chance(0.3))
        {
            yaml.AppendLine("# yaml-language-server: $schema=../../docs/task.schema.json");
        }

        if (Chance(0.9))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"description: {Pick(["Nightly", "Hourly", "Weekly", "On-demand", "Frequent"])} {Pick(["export", "sync", "report", "backup", "cleanup", "health check"])} for {service}, job {index}");
        }

        if (Chance(0.05))
        {
            yaml.AppendLine("enabled: true");
        }

        var (zone, cron) = Schedule(yaml);
        Optional(yaml);
        Handler(yaml, templates, service);
        return (yaml.ToString(), new GeneratedTask(relative, zone, cron, templates));
    }

    /// <summary>Writes <c>schedule:</c>; returns the zone and the cron expression the reader will parse (null for every/manual).</summary>
    private (string Zone, string? Cron) Schedule(StringBuilder yaml)
    {
        var zone = Chance(0.25) ? null : Pick(Zones);
        var roll = _random.NextDouble();
        string? cron;
        if (roll < 0.08)
        {
            // The shorthand: a bare cron string, always UTC.
            cron = Pick(FiveFieldCrons);
            yaml.AppendLine(CultureInfo.InvariantCulture, $"schedule: \"{cron}\"");
            return ("UTC", cron);
        }

        yaml.AppendLine("schedule:");
        if (roll < 0.35)
        {
            cron = Pick(FiveFieldCrons);
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  cron: \"{cron}\"");
        }
        else if (roll < 0.45)
        {
            cron = Pick(SixFieldCrons);
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  cron: \"{cron}\"");
        }
        else if (roll < 0.65)
        {
            cron = null;
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  every: {Pick(Intervals)}");
        }
        else if (roll < 0.80)
        {
            var at = Pick(DailyTimes);
            cron = CronAt(at, "*");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  daily: \"{at}\"");
        }
        else if (roll < 0.92)
        {
            var days = Pick(WeeklyDays);
            var at = Pick(DailyTimes);
            cron = CronAt(at, string.Join(",", days.Select(DayNumber).Distinct()));
            if (Chance(0.5))
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  weekly: {{ days: [{string.Join(", ", days)}], at: \"{at}\" }}");
            }
            else
            {
                yaml.AppendLine("  weekly:");
                yaml.AppendLine("    days:");
                foreach (var day in days)
                {
                    yaml.AppendLine(CultureInfo.InvariantCulture, $"      - {day}");
                }

                yaml.AppendLine(CultureInfo.InvariantCulture, $"    at: \"{at}\"");
            }
        }
        else
        {
            cron = null;
            yaml.AppendLine("  manual: true");
        }

        if (zone is not null)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  timezone: {zone}");
        }

        return (zone ?? "UTC", cron);
    }

    private void Optional(StringBuilder yaml)
    {
        if (Chance(0.6))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"catch-up: {Pick(["none", "latest", "all"])}");
        }

        if (Chance(0.1))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"max-catch-up: {_random.Next(1, 50)}");
        }

        if (Chance(0.3))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"starting-deadline: {Pick(["10m", "1h", "2h", "6h"])}");
        }

        if (Chance(0.6))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"overlap: {Pick(["forbid", "allow", "replace"])}");
        }

        if (Chance(0.7))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"timeout: {Pick(["30s", "5m", "30m", "1h", "2h30m"])}");
        }

        if (Chance(0.1))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"kill-grace: {Pick(["5s", "30s", "1m"])}");
        }

        if (Chance(0.4))
        {
            var attempts = _random.Next(0, 6);
            var backoff = Pick(["10s", "30s", "1m", "5m"]);
            yaml.AppendLine(Chance(0.5)
                ? string.Create(CultureInfo.InvariantCulture, $"retry: {{ attempts: {attempts}, backoff: {backoff} }}")
                : string.Create(CultureInfo.InvariantCulture, $"retry:\n  attempts: {attempts}\n  backoff: {backoff}"));
        }

        if (Chance(0.5))
        {
            yaml.AppendLine("env:");
            foreach (var name in EnvNames.OrderBy(_ => _random.Next()).Take(_random.Next(1, 5)))
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {EnvValue(name)}");
            }
        }

        if (Chance(0.15))
        {
            yaml.AppendLine("working-directory: ./data/work");
        }
    }

    private string EnvValue(string name) => name switch
    {
        "APP_ENV" => Pick(["production", "staging"]),
        "LOG_LEVEL" => Pick(["info", "debug", "warn"]),
        "REGION" => Pick(["eu-central-1", "us-east-1", "ap-south-1"]),
        "BATCH_SIZE" => Pick(["100", "500", "1000"]),
        "OUTPUT_DIR" => "./data/out",
        "FEATURE_FLAGS" => "\"a,b,c\"",
        _ => "db.internal.example.com",
    };

    private static string DayNumber(string day) =>
        day[..3] switch { "sun" => "0", "mon" => "1", "tue" => "2", "wed" => "3", "thu" => "4", "fri" => "5", _ => "6" };

    /// <summary>The expression the reader derives from daily/weekly (minute hour, or second minute hour, * * days).</summary>
    private static string CronAt(string at, string days)
    {
        var parts = at.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return parts.Length == 2
            ? string.Create(CultureInfo.InvariantCulture, $"{parts[1]} {parts[0]} * * {days}")
            : string.Create(CultureInfo.InvariantCulture, $"{parts[2]} {parts[1]} {parts[0]} * * {days}");
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(T[] choices) => choices[_random.Next(choices.Length)];
}
