using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Registry;
using Scheduler.State.Entities;
using Scheduler.State.Store;
using Scheduler.Web.Rendering;
using Scheduler.Web.Views;

namespace Scheduler.Web.Tests;

/// <summary>
/// How stale the lists' snapshot may be (<see cref="TaskList"/>): a request sees every task and pause change committed
/// before it, and only the texts that follow the clock may be up to two seconds old; the next snapshot is built in
/// the background (<see cref="ListRefresher"/>). A real SQLite store, the clock a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class TaskListTests : IAsyncLifetime, IDisposable
{
    // Half a second past a turn of the clock's second.
    private static readonly DateTimeOffset Start = new(2027, 3, 22, 12, 0, 0, 500, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-tasklist-").FullName;
    private readonly FakeTimeProvider _time = new(Start);
    private SchedulerStore _store = null!;
    private PauseBoard _pauses = null!;
    private TaskList _list = null!;

    public async Task InitializeAsync()
    {
        _store = await SchedulerStore.OpenSqliteAsync(_folder);
        await using (var db = await _store.Contexts.CreateDbContextAsync())
        {
            db.Tasks.Add(new TaskRecord
            {
                Id = "hello",
                SourcePath = "schedules/hello.yaml",
                DefinitionYaml = "schedule:\n  manual: true\ncommand: [\"true\"]\n",
                DefinitionHash = "h1",
                Revision = "r1",
                AppliedAt = Start.AddDays(-1),
                UpdatedAt = Start.AddDays(-1),
            });
            await db.SaveChangesAsync();
        }

        _pauses = new PauseBoard(_store.Runs, _time);
        var views = new DefinitionViews(_store, new DefinitionRegistry());
        _list = new TaskList(new TaskSummaries(_store), views, new TaskRows(views, _pauses), _pauses, _time);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    public void Dispose() => _list.Dispose();

    [Fact]
    public async Task A_request_under_two_seconds_after_the_last_snapshot_is_served_it_and_one_at_two_seconds_gets_a_new_one()
    {
        var first = await _list.SnapshotAsync(_time.GetUtcNow(), default);

        _time.Advance(TimeSpan.FromMilliseconds(1_999));
        var within = await _list.SnapshotAsync(_time.GetUtcNow(), default);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var after = await _list.SnapshotAsync(_time.GetUtcNow(), default);

        Assert.Same(first, within);
        Assert.NotSame(first, after);
        Assert.Equal(Start.AddSeconds(2), after.BuiltAt);
    }

    [Fact]
    public async Task A_run_that_started_a_moment_before_the_request_is_in_the_snapshot_it_is_served()
    {
        var before = await _list.SnapshotAsync(_time.GetUtcNow(), default);
        await using (var db = await _store.Contexts.CreateDbContextAsync())
        {
            var task = await db.Tasks.SingleAsync(t => t.Id == "hello");
            task.LastRunId = 7;
            task.LastRunStatus = RunStatus.Running;
            task.LastRunStartedAt = Start;
            await db.SaveChangesAsync();
        }

        _time.Advance(TimeSpan.FromMilliseconds(100));
        var served = await _list.SnapshotAsync(_time.GetUtcNow(), default);

        Assert.Null(Assert.Single(before.Listed).Row.LastRun);
        Assert.Equal("running", Assert.Single(served.Listed).Row.LastRun?.Status);
    }

    [Fact]
    public async Task A_pause_made_through_this_process_is_shown_at_once_and_one_that_ends_is_gone_at_its_end()
    {
        await _list.SnapshotAsync(_time.GetUtcNow(), default);
        await _store.Runs.PauseAsync(
            new PauseRecord { Target = "hello", By = "ops", Reason = "migration", SinceUtc = Start, UntilUtc = Start.AddSeconds(1) }, "pause", ["hello"], default);
        _pauses.Invalidate();

        var paused = await _list.SnapshotAsync(_time.GetUtcNow(), default);
        _time.Advance(TimeSpan.FromSeconds(1));
        var ended = await _list.SnapshotAsync(_time.GetUtcNow(), default);

        Assert.Equal("paused", Assert.Single(paused.Listed).Row.State);
        Assert.Equal("ok", Assert.Single(ended.Listed).Row.State);
    }

    [Fact]
    public async Task The_refresher_builds_the_next_snapshot_after_the_turn_of_the_second_while_the_lists_are_read_and_requests_are_served_it()
    {
        var renderer = new ComponentRenderer(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);
        using var refresher = new ListRefresher(_list, new OverviewFolders(new RowHtml(renderer), renderer, _time), _time, NullLogger<ListRefresher>.Instance);
        await refresher.StartAsync(default);
        var read = await _list.SnapshotAsync(_time.GetUtcNow(), default);

        // The clock moves on in small steps: the refresher may set its timer a moment after the read.
        await Eventually.HoldsAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(10));
                return Task.FromResult(!ReferenceEquals(_list.Last, read));
            },
            "the refresher built no snapshot at the turn of the second");
        var built = _list.Last!;
        var served = await _list.SnapshotAsync(_time.GetUtcNow(), default);
        await refresher.StopAsync(default);

        Assert.True(built.BuiltAt >= Start.AddMilliseconds(501), $"built at {built.BuiltAt:O}, before the turn of the second");
        Assert.Same(built, served);
    }

    [Fact]
    public async Task Nobody_reading_the_lists_for_longer_than_the_linger_lets_the_refresher_sleep_until_the_next_read()
    {
        await _list.SnapshotAsync(_time.GetUtcNow(), default);

        _time.Advance(ListRefresher.Linger);
        var awake = _list.ReadRecentlyAsync(ListRefresher.Linger, default);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var asleep = _list.ReadRecentlyAsync(ListRefresher.Linger, default);
        var completedBeforeRead = asleep.IsCompleted;
        await _list.SnapshotAsync(_time.GetUtcNow(), default);

        Assert.True(awake.IsCompleted);
        Assert.False(completedBeforeRead);
        await asleep.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
