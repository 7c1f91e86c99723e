using System.Globalization;
using System.Text;
using Scheduler.Definitions.Loading;

namespace Scheduler.Benchmarks.Page;

/// <summary>
/// The tasks of <c>scheduler-bench page</c>: valid files with a mix of schedule kinds, zones and handlers, and a
/// skewed run count (a few tasks with 100k+ runs, most with a few hundred). Only the big tasks fire while the
/// benchmark runs (every five minutes, <c>true</c>); every other enabled task's next slot is at least two hours
/// away, so the scheduler stays quiet and the pages are measured, not the handlers. Seeded.
/// </summary>
internal sealed class PageTaskGenerator(int seed)
{
    public static readonly TimeSpan BigInterval = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan Quiet = TimeSpan.FromHours(2);

    private static readonly string[] Zones =
    [
        "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "Europe/London",
        "America/Los_Angeles", "Asia/Tokyo", "UTC",
    ];

    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private static readonly string[] Intervals = ["1d", "2d", "7d", "12h", "6h", "8h"];

    private readonly Random _random = new(seed);

    /// <summary>
    /// <paramref name="count"/> tasks sharing <paramref name="totalRuns"/> runs: <c>count / 250</c> (at least one) big
    /// tasks take about half of them, the rest get 20%-220% of an equal share each.
    /// </summary>
    public IReadOnlyList<SeededTask> Generate(int count, int totalRuns, DateTimeOffset now)
    {
        var bigCount = Math.Clamp(count / 250, 1, count);
        var bigShare = count == bigCount ? totalRuns : totalRuns / 2;
        var bigWeights = Enumerable.Range(0, bigCount).Select(i => 1.6 - (0.6 * i / Math.Max(bigCount - 1, 1))).ToArray();
        var smallWeights = Enumerable.Range(0, count - bigCount).Select(_ => 0.2 + (2.0 * _random.NextDouble())).ToArray();
        var bigRuns = Share(bigShare, bigWeights);
        var smallRuns = Share(totalRuns - bigShare, smallWeights);

        // Spread the big tasks over the id range, so they are not all in one folder.
        var bigIndexes = Enumerable.Range(0, bigCount).Select(i => (int)((i + 0.5) * count / bigCount)).ToHashSet();
        var tasks = new List<SeededTask>(count);
        int nextBig = 0, nextSmall = 0;
        var lastFiveMinutes = new DateTimeOffset(now.Ticks - (now.Ticks % BigInterval.Ticks), TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var relative = string.Create(CultureInfo.InvariantCulture, $"team-{i / 500:D2}/service-{i / 20 % 25:D2}/job-{i:D4}.yaml");
            var id = relative[..^".yaml".Length];
            if (bigIndexes.Contains(i))
            {
                var text = Big(i);
                var next = Check(relative, text, now).NextSlotUtc;
                tasks.Add(new SeededTask(id, relative, text, text, true, false, next, bigRuns[nextBig++], BigInterval, lastFiveMinutes, 0));
                continue;
            }

            var runs = smallRuns[nextSmall++];
            var enabled = !Chance(0.05);
            string good;
            DateTimeOffset? nextSlot;
            while (true)
            {
                good = Small(i, enabled);
                var (valid, next) = Check(relative, good, now);
                if (valid && (!enabled || next is null || next.Value - now >= Quiet))
                {
                    nextSlot = next;
                    break;
                }
            }

            // 1% of files are broken now: the store keeps the last good version and runs it (invalid-running-last-good).
            var broken = enabled && Chance(0.01);
            var file = broken ? good.Replace("schedule:", "schedul:", StringComparison.Ordinal) : good;

            // Runs spread over a year before now, their last one at least an interval ago.
            var interval = TimeSpan.FromSeconds(Math.Max(365.0 * 86_400 / Math.Max(runs, 1), 60));
            var last = now - Quiet - TimeSpan.FromSeconds(_random.Next(0, 86_400));
            var failing = Chance(0.04) ? _random.Next(1, 6) : 0;
            tasks.Add(new SeededTask(id, relative, file, good, enabled, broken, nextSlot, runs, interval, last, failing));
        }

        return tasks;
    }

    private static int[] Share(int total, double[] weights)
    {
        if (weights.Length == 0)
        {
            return [];
        }

        var sum = weights.Sum();
        var shares = weights.Select(w => (int)(total * w / sum)).ToArray();
        shares[0] += total - shares.Sum(); // rounding
        return shares;
    }

    private static (bool Valid, DateTimeOffset? NextSlotUtc) Check(string relative, string text, DateTimeOffset now)
    {
        var result = TaskReader.Read(new SourceFile(relative, "schedules/" + relative, Encoding.UTF8.GetBytes(text)), now);
        return result.Task is { } task
            ? (true, task.Enabled ? task.Slots.NextAfter(now)?.Utc : null)
            : (false, null);
    }

    private static string Big(int index) => string.Create(CultureInfo.InvariantCulture, $"""
        description: Frequent queue drain for svc-{index / 20 % 25:D2}, job {index} (a big history)
        schedule:
          cron: "*/5 * * * *"
        overlap: forbid
        timeout: 2m
        command: ["true"]

        """);

    private string Small(int index, bool enabled)
    {
        var yaml = new StringBuilder();
        var service = string.Create(CultureInfo.InvariantCulture, $"svc-{index / 20 % 25:D2}");
        if (Chance(0.9))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"description: {Pick(["Nightly", "Hourly", "Weekly", "Daily", "Monthly"])} {Pick(["export", "sync", "report", "backup", "cleanup", "health check"])} for {service}, job {index}");
        }

        if (!enabled)
        {
            yaml.AppendLine("enabled: false");
        }

        yaml.AppendLine("schedule:");
        var roll = _random.NextDouble();
        var at = string.Create(CultureInfo.InvariantCulture, $"{_random.Next(0, 24):D2}:{_random.Next(0, 12) * 5:D2}");
        if (roll < 0.35)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  cron: \"{_random.Next(0, 60)} {_random.Next(0, 24)} * * {Pick(["*", "1-5", "0,6", "1", "*/2"])}\"");
        }
        else if (roll < 0.55)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  daily: \"{at}\"");
        }
        else if (roll < 0.75)
        {
            var first = _random.Next(Days.Length);
            var second = (first + _random.Next(1, Days.Length)) % Days.Length;
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  weekly: {{ days: [{Days[first]}, {Days[second]}], at: \"{at}\" }}");
        }
        else if (roll < 0.92)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  every: {Pick(Intervals)}");
        }
        else
        {
            yaml.AppendLine("  manual: true");
        }

        if (roll < 0.75 && Chance(0.7))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  timezone: {Pick(Zones)}");
        }

        if (Chance(0.5))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"catch-up: {Pick(["none", "latest", "all"])}");
        }

        if (Chance(0.5))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"timeout: {Pick(["5m", "30m", "1h"])}");
        }

        // No `retry:`: serve would retry the generated recent failures at start and run handlers while the pages are measured.

        var handler = _random.NextDouble();
        if (handler < 0.5)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"command: [\"/usr/local/bin/{Pick(["export", "report", "sync"])}\", \"--service\", \"{service}\", \"--slot\", \"{{{{ run.slot }}}}\"]");
        }
        else if (handler < 0.75)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"shell: ./bin/{Pick(["rotate", "prune", "reindex"])}.sh {service}");
        }
        else if (handler < 0.9)
        {
            yaml.AppendLine("http:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  url: https://{service}.internal.example/hooks/{Pick(["refresh", "rebuild", "ping"])}");
            yaml.AppendLine("  method: POST");
        }
        else
        {
            yaml.AppendLine("sqlite-backup:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  database: ./data/{service}.db");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  to: ./data/backups/{service}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  keep: {_random.Next(1, 30)}");
        }

        return yaml.ToString();
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
