namespace Scheduler.Benchmarks.Validate;

/// <summary>
/// What the generator knows about one file it wrote, so <c>--profile</c> can time single steps of
/// validation on exactly the values the reader meets, without reaching into the core's internals.
/// </summary>
/// <param name="RelativePath">Path under the generated folder, e.g. <c>team-03/service-17/job-0042.yaml</c>.</param>
/// <param name="ZoneId">The schedule's time zone as written (UTC when the file gives none).</param>
/// <param name="CronExpression">The cron expression the reader parses: as written, or derived from daily/weekly; null for every and manual.</param>
/// <param name="TemplateTexts">Every string the reader passes to the template checker (command arguments, shell script, http url and body).</param>
internal sealed record GeneratedTask(string RelativePath, string ZoneId, string? CronExpression, IReadOnlyList<string> TemplateTexts);
