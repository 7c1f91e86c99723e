using System.Globalization;
using System.Text;
using NCrontab;
using Scheduler.Benchmarks.Measurement;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Scheduling;
using Scheduler.Definitions.Templates;
using Scriban;
using YamlDotNet.Core;

namespace Scheduler.Benchmarks.Validate;

/// <summary>
/// <c>--profile</c>: where validate's time goes. Each step the reader performs is timed on its own,
/// single-threaded, over the inputs the generator recorded, through the core's public API (the tree
/// reader itself is internal, so YamlDotNet's event parser, which it consumes, stands in for it).
/// What the steps do not explain is the rest: building the tree with positions, key and value checks,
/// diagnostics, and the cached cron and template look-ups (those two steps are timed uncached, for reference). Shares are of one-thread TaskReader.Read over all files. Each step reports its
/// fastest pass, not the median: the steps are subtracted from each other, and on a shared machine
/// the least disturbed pass is the best estimate of a step's own cost.
/// </summary>
internal static class ValidateProfile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The window ZonedCronSchedule.TryParse probes to decide "never fires"; mirrored to time the probe alone.
    private static readonly DateTime NeverFiresProbeStart = new(2000, 1, 1);
    private static readonly DateTime NeverFiresProbeEnd = new(2029, 1, 1);

    public static IReadOnlyList<ProfileStep> Run(
        string directory, string displayBase, DateTimeOffset from, IReadOnlyList<GeneratedTask> tasks, int iterations, TextWriter output)
    {
        Log.Info("profile: preparing inputs");
        var files = TaskFolder.Read(directory, displayBase);
        var texts = files.Select(f => StrictUtf8.GetString(f.Content.Span)).ToList();
        var zones = tasks.Select(t => t.ZoneId).Distinct().ToDictionary(id => id, id => TimeZoneCatalog.TryFind(id, out var z) ? z : throw new InvalidOperationException($"Unknown zone {id}."));
        var crons = tasks.Where(t => t.CronExpression is not null).Select(t => (Expression: t.CronExpression!, Zone: zones[t.ZoneId])).ToList();
        var schedules = crons.Select(c => ZonedCronSchedule.TryParse(c.Expression, c.Zone, out var s, out var e) ? s : throw new InvalidOperationException(e)).ToList();
        var crontabs = crons.Select(c => CrontabSchedule.Parse(c.Expression, Options(c.Expression))).ToList();
        var strings = tasks.SelectMany(t => t.TemplateTexts).ToList();
        var templated = strings.Where(TemplateChecker.LooksLikeTemplate).ToList();
        var lookAhead = from.AddYears(1);
        var sink = 0L; // keeps results alive so no step is optimised away

        var steps = new List<ProfileStep>
        {
            Step("list_read", "list + read files (TaskFolder.Read)", files.Count, false, iterations, () => sink += TaskFolder.Read(directory, displayBase).Count),
            Step("plain_read", "  vs. enumerate + File.ReadAllBytes, as in A", files.Count, false, iterations, () =>
            {
                foreach (var path in Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories))
                {
                    sink += File.ReadAllBytes(path).Length;
                }
            }),
            Step("yaml_stream", "YamlStream.Load (A without the I/O), reference", texts.Count, false, iterations, () =>
            {
                foreach (var text in texts)
                {
                    var stream = new YamlDotNet.RepresentationModel.YamlStream();
                    stream.Load(new StringReader(text));
                    sink += stream.Documents.Count;
                }
            }),
            Step("decode", "UTF-8 decode (strict)", files.Count, true, iterations, () =>
            {
                foreach (var file in files)
                {
                    sink += StrictUtf8.GetString(file.Content.Span).Length;
                }
            }),
            Step("yaml_events", "YAML events (YamlDotNet Parser; the tree reader's input)", texts.Count, true, iterations, () =>
            {
                foreach (var text in texts)
                {
                    var parser = new Parser(new StringReader(text));
                    while (parser.MoveNext())
                    {
                        sink++;
                    }
                }
            }),
            Step("zone_lookup", "time-zone lookup (TimeZoneCatalog.TryFind)", tasks.Count, true, iterations, () =>
            {
                foreach (var task in tasks)
                {
                    sink += TimeZoneCatalog.TryFind(task.ZoneId, out _) ? 1 : 0;
                }
            }),
            // Uncached: the reader parses each distinct (expression, zone) once and shares it (ParsedCrons), so in the
            // whole-file step most of this is a dictionary lookup; not subtracted from it for that reason.
            Step("cron_parse", "cron parse, uncached (ZonedCronSchedule.TryParse)", crons.Count, false, iterations, () =>
            {
                foreach (var (expression, zone) in crons)
                {
                    sink += ZonedCronSchedule.TryParse(expression, zone, out _, out _) ? 1 : 0;
                }
            }),
            Step("ncrontab_parse", "  of which NCrontab parse", crons.Count, false, iterations, () =>
            {
                foreach (var (expression, _) in crons)
                {
                    sink += CrontabSchedule.TryParse(expression, Options(expression)) is null ? 0 : 1;
                }
            }),
            Step("never_fires_probe", "  of which never-fires probe (2000-2029)", crontabs.Count, false, iterations, () =>
            {
                foreach (var crontab in crontabs)
                {
                    sink += crontab.GetNextOccurrence(NeverFiresProbeStart.AddTicks(-1), NeverFiresProbeEnd).Ticks;
                }
            }),
            Step("dst_notices", "DST notices, 1 year ahead (DstNotices)", schedules.Count, true, iterations, () =>
            {
                foreach (var schedule in schedules)
                {
                    sink += schedule.DstNotices(from, lookAhead).Count;
                }
            }),
            // Uncached too: the reader skips Scriban for a template text it has already found clean (CleanTemplates).
            Step("template_check", "template checks, uncached (TemplateChecker.Check)", strings.Count, false, iterations, () =>
            {
                var bag = new DiagnosticBag("profile");
                foreach (var text in strings)
                {
                    TemplateChecker.Check(text, "command[0]", SourcePosition.FileStart, 1, bag);
                }

                sink += bag.Items.Count;
            }),
            Step("scriban_parse", "  of which Scriban Template.Parse", templated.Count, false, iterations, () =>
            {
                foreach (var text in templated)
                {
                    sink += Template.Parse(text).HasErrors ? 0 : 1;
                }
            }),
            Step("task_reader", "whole file (TaskReader.Read, 1 thread)", files.Count, false, iterations, () =>
            {
                foreach (var file in files)
                {
                    sink += TaskReader.Read(file, from).Diagnostics.Count;
                }
            }),
            Step("loader", $"DefinitionLoader.Load on read files", files.Count, false, iterations, () =>
                sink += DefinitionLoader.Load(files, from).Files.Count),
        };

        var whole = steps.Single(s => s.Key == "task_reader");
        var explained = steps.Where(s => s.PartOfWhole).ToList();
        steps.Add(new ProfileStep("rest", "rest: tree with positions, keys, values, cached crons and templates", files.Count,
            whole.Milliseconds - explained.Sum(s => s.Milliseconds), whole.AllocatedMb - explained.Sum(s => s.AllocatedMb), true));

        var table = new TextTable("step (1 thread, all files)", "calls", "min ms", "us/call", "alloc MB", "% of TaskReader");
        foreach (var step in steps)
        {
            table.Add(
                step.Title,
                step.Calls.ToString(CultureInfo.InvariantCulture),
                step.Milliseconds.ToString("F1", CultureInfo.InvariantCulture),
                (step.Calls == 0 ? 0 : step.Milliseconds * 1000 / step.Calls).ToString("F2", CultureInfo.InvariantCulture),
                step.AllocatedMb.ToString("F1", CultureInfo.InvariantCulture),
                step.Key is "list_read" or "plain_read" ? "(I/O, outside)" : (100 * step.Milliseconds / whole.Milliseconds).ToString("F0", CultureInfo.InvariantCulture) + "%");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"profile: {files.Count} files, {crons.Count} cron expressions (incl. daily/weekly), {strings.Count} checked strings of which {templated.Count} templates; fastest of {iterations} passes per step"));
        output.WriteLine();
        table.WriteTo(output);
        Log.Info(string.Create(CultureInfo.InvariantCulture, $"profile done (checksum {sink})"));
        return steps;
    }

    private static ProfileStep Step(string key, string title, int calls, bool partOfWhole, int iterations, Action pass)
    {
        Log.Info($"profile: {key}");
        pass(); // warm-up: JIT and the core's caches, as in the main measurement
        var samples = Enumerable.Range(0, iterations).Select(_ => Sample.Take(pass)).ToList();
        return new ProfileStep(key, title, calls,
            samples.Min(s => s.Milliseconds),
            Variant.Median(samples.Select(s => (double)s.AllocatedBytes)) / (1024 * 1024),
            partOfWhole);
    }

    private static CrontabSchedule.ParseOptions Options(string expression) =>
        new() { IncludingSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 };
}
