using Microsoft.Extensions.Time.Testing;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>cleanup over a real folder; file ages are set on the files and "now" comes from a fake clock.</summary>
public sealed class CleanupRunHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 10, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly CleanupRunHandler _handler = new();
    private readonly TempFolder _folder = new();
    private readonly string _logs;

    public CleanupRunHandlerTests()
    {
        _logs = _folder.File("logs");
        Directory.CreateDirectory(_logs);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Files_older_than_the_limit_go_in_subfolders_too_and_other_names_stay()
    {
        Write("a.log", daysOld: 20);
        Write("sub/b.log", daysOld: 15);
        Write("c.log", daysOld: 2);
        Write("d.txt", daysOld: 30);

        var (outcome, output) = await Clean(olderThan: TimeSpan.FromDays(14));

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(["c.log", "d.txt"], Remaining());
        Assert.Equal(
            """
            deleted a.log (10 B, modified 2026-10-05T12:00:00Z): older than 14d
            deleted sub/b.log (10 B, modified 2026-10-10T12:00:00Z): older than 14d
            deleted 2 of 3 files matching '*.log' (20 B); kept 1 (10 B)

            """,
            output);
    }

    [Fact]
    public async Task Keep_last_protects_the_newest_files_however_old_they_are()
    {
        Write("1.log", daysOld: 40);
        Write("2.log", daysOld: 30);
        Write("3.log", daysOld: 20);

        var (_, _) = await Clean(olderThan: TimeSpan.FromDays(14), keepLast: 2);

        Assert.Equal(["2.log", "3.log"], Remaining());
    }

    [Fact]
    public async Task Keep_last_alone_deletes_all_but_the_newest()
    {
        Write("1.log", daysOld: 4);
        Write("2.log", daysOld: 3);
        Write("3.log", daysOld: 2);
        Write("4.log", daysOld: 1);

        var (_, output) = await Clean(keepLast: 1);

        Assert.Equal(["4.log"], Remaining());
        Assert.Contains("deleted 1.log (10 B, modified 2026-10-21T12:00:00Z): not among the newest 1\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_total_size_deletes_the_oldest_until_the_rest_fits()
    {
        Write("1.log", daysOld: 4, bytes: 100);
        Write("2.log", daysOld: 3, bytes: 100);
        Write("3.log", daysOld: 2, bytes: 100);
        Write("4.log", daysOld: 1, bytes: 100);

        var (_, output) = await Clean(maxTotalBytes: 250);

        Assert.Equal(["3.log", "4.log"], Remaining());
        Assert.Contains("deleted 2 of 4 files matching '*.log' (200 B); kept 2 (200 B)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_go_and_deletes_nothing()
    {
        Write("old.log", daysOld: 20);
        Write("new.log", daysOld: 1);

        var (outcome, output) = await Clean(olderThan: TimeSpan.FromDays(14), dryRun: true);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(["new.log", "old.log"], Remaining());
        Assert.Equal(
            """
            would delete old.log (10 B, modified 2026-10-05T12:00:00Z): older than 14d
            would delete 1 of 2 files matching '*.log' (10 B); kept 1 (10 B)
            dry run: nothing was deleted

            """,
            output);
    }

    [Fact]
    public async Task Symbolic_links_are_neither_followed_nor_deleted()
    {
        var outside = _folder.File("outside");
        Directory.CreateDirectory(outside);
        var precious = Path.Join(outside, "precious.log");
        await File.WriteAllTextAsync(precious, "keep me!!!");
        File.SetLastWriteTimeUtc(precious, Now.AddDays(-100).UtcDateTime);
        Directory.CreateSymbolicLink(Path.Join(_logs, "linked-folder"), outside);
        File.CreateSymbolicLink(Path.Join(_logs, "linked.log"), precious);
        Write("own.log", daysOld: 100);

        var (outcome, output) = await Clean(olderThan: TimeSpan.FromDays(14));

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.True(File.Exists(precious));
        Assert.Equal(["linked-folder", "linked.log"], Directory.GetFileSystemEntries(_logs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("left 2 symbolic link(s) alone", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_succeeds_with_a_note()
    {
        var missing = _folder.File("never-written");
        var task = HandlerRuns.Task(new CleanupHandler(missing, "*.log", TimeSpan.FromDays(1), null, null, false));
        var context = HandlerRuns.Context(task, new FakeTimeProvider(Now));

        var outcome = await _handler.RunAsync(context, CancellationToken.None);

        Assert.Equal(new HandlerOutcome(RunStatus.Succeeded), outcome);
        Assert.Equal($"nothing to clean: '{missing}' does not exist ({missing})\n", context.Output.ToText());
    }

    private void Write(string relative, int daysOld, int bytes = 10)
    {
        var path = Path.Join(_logs, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, Now.AddDays(-daysOld).UtcDateTime);
    }

    private List<string> Remaining() =>
        Directory.EnumerateFiles(_logs, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_logs, path))
            .Order(StringComparer.Ordinal)
            .ToList();

    private async Task<(HandlerOutcome Outcome, string Output)> Clean(TimeSpan? olderThan = null, int? keepLast = null, long? maxTotalBytes = null, bool dryRun = false)
    {
        var task = HandlerRuns.Task(new CleanupHandler(_logs, "*.log", olderThan, keepLast, maxTotalBytes, dryRun));
        var context = HandlerRuns.Context(task, new FakeTimeProvider(Now));
        var outcome = await _handler.RunAsync(context, CancellationToken.None);
        return (outcome, context.Output.ToText());
    }
}
