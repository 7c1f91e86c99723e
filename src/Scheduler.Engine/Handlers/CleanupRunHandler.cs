using System.Globalization;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;
using Scheduler.Engine.Handlers.Cleanup;

namespace Scheduler.Engine.Handlers;

/// <summary>
/// Runs a <c>cleanup</c> task: deletes matching files under <c>path</c> by age, count and total size (see
/// <see cref="CleanupPlan"/>), never through a symbolic link (see <see cref="CleanupScan"/>), and reports each file.
/// </summary>
public sealed class CleanupRunHandler : IRunHandler
{
    public string Kind => "cleanup";

    public Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Task.Handler is not CleanupHandler rules)
        {
            throw new ArgumentException($"Task '{context.Task.Id}' is not a cleanup task.", nameof(context));
        }

        using var timedOut = RunDeadline.After(context.Task.Timeout, context.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timedOut.Token, cancel);
        try
        {
            return Task.FromResult(Clean(context, rules, stop.Token));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Task.FromResult(cancel.IsCancellationRequested
                ? new HandlerOutcome(RunStatus.Cancelled, Error: "cancelled")
                : new HandlerOutcome(RunStatus.TimedOut, Error: $"timed out after {Durations.Format(context.Task.Timeout)}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HandlerOutcome.Failed($"cleaning '{rules.Path}' failed: {ex.Message}"));
        }
    }

    private static HandlerOutcome Clean(RunContext context, CleanupHandler rules, CancellationToken ct)
    {
        var output = context.Output;
        var root = Path.GetFullPath(rules.Path);
        if (!Directory.Exists(root))
        {
            if (File.Exists(root))
            {
                return HandlerOutcome.Failed($"'{rules.Path}' is a file ({root}); cleanup.path must be a folder");
            }

            // Succeeded: a folder that does not exist holds nothing to delete, and it is normal before the first file is
            // written (a fresh install, a log folder created on first use). Failing would raise a failure streak over
            // nothing; the note in the output still shows a mistyped path to whoever looks.
            output.Append($"nothing to clean: '{rules.Path}' does not exist ({root})\n");
            return HandlerOutcome.Succeeded(exitCode: null);
        }

        var scan = CleanupScan.Run(root, rules.Pattern, ct);
        var doomed = CleanupPlan.Select(scan.Files, rules, context.Time.GetUtcNow());
        var verb = rules.DryRun ? "would delete" : "deleted";
        var freed = 0L;
        var deleted = 0;
        var failures = new List<string>();
        foreach (var (file, reason) in doomed)
        {
            ct.ThrowIfCancellationRequested();
            var line = $"{file.RelativePath} ({ByteText.Format(file.Length)}, modified {RunValues.Slot(file.LastWriteUtc)}): {reason}";
            if (!rules.DryRun && !TryDelete(root, file, out var problem))
            {
                failures.Add($"{file.RelativePath}: {problem}");
                output.Append($"could not delete {line}: {problem}\n");
                continue;
            }

            output.Append($"{verb} {line}\n");
            freed += file.Length;
            deleted++;
        }

        Summarize(output, rules, scan, verb, deleted, freed);
        return failures.Count == 0
            ? HandlerOutcome.Succeeded(exitCode: null)
            : HandlerOutcome.Failed($"could not delete {failures.Count} of {doomed.Count} files, first {failures[0]}");
    }

    private static void Summarize(OutputTail output, CleanupHandler rules, CleanupScan scan, string verb, int deleted, long freed)
    {
        var matched = scan.Files.Count;
        var keptBytes = scan.Files.Sum(f => f.Length) - freed;
        output.Append(string.Create(CultureInfo.InvariantCulture,
            $"{verb} {deleted} of {matched} files matching '{rules.Pattern}' ({ByteText.Format(freed)}); kept {matched - deleted} ({ByteText.Format(keptBytes)})\n"));
        if (rules.MaxTotalBytes is { } max && keptBytes > max)
        {
            output.Append($"still over max-total-size ({ByteText.Format(max)}): keep-last {rules.KeepLast} protects the newest files\n");
        }

        if (scan.SkippedLinks > 0)
        {
            output.Append(string.Create(CultureInfo.InvariantCulture,
                $"left {scan.SkippedLinks} symbolic link(s) alone: links are never followed or deleted\n"));
        }

        if (rules.DryRun)
        {
            output.Append("dry run: nothing was deleted\n");
        }
    }

    private static bool TryDelete(string root, CleanupFile file, out string? problem)
    {
        problem = null;
        if (!CleanupScan.StillInside(root, file.FullPath))
        {
            problem = "a folder on its path became a symbolic link since the scan";
            return false;
        }

        try
        {
            File.Delete(file.FullPath);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = ex.Message;
            return false;
        }
    }
}
