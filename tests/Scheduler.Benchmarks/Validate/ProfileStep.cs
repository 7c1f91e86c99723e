namespace Scheduler.Benchmarks.Validate;

/// <summary>One line of the <c>--profile</c> breakdown: a step of validation timed on its own over all files.</summary>
/// <param name="Key">JSON key, e.g. <c>cron_parse</c>.</param>
/// <param name="Title">What the table shows.</param>
/// <param name="Calls">How many times the step ran per pass (files, cron expressions, strings...).</param>
/// <param name="Milliseconds">Wall time of the fastest pass over all files.</param>
/// <param name="AllocatedMb">Median bytes allocated by one pass, in MiB.</param>
/// <param name="PartOfWhole">True when the step is part of TaskReader.Read's work and counts towards its share; false for reference rows.</param>
internal sealed record ProfileStep(string Key, string Title, int Calls, double Milliseconds, double AllocatedMb, bool PartOfWhole);
