using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Scheduler.Web.Tests;

/// <summary>
/// Run history is paged by keyset (before=RUN_ID): pages stay put while runs arrive, deep in a long history too. How
/// fast a deep page is, is the page benchmark's to say (<c>scheduler-bench page</c>: "task page, ?before= middle" of
/// 153k runs, and the query plan of each history read): a timed assertion here would fail on a busy machine.
/// </summary>
public sealed class PagingTests
{
    private const int Runs = 100_000;

    [Fact]
    public async Task Keyset_pages_over_100000_runs_are_stable_while_runs_arrive()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["busy"] = TaskFiles.Manual(), ["other"] = TaskFiles.Manual() });
        await InsertRunsAsync(server, Runs);

        var first = await server.GetJsonAsync("/api/tasks/busy/runs?limit=500");
        var firstIds = first.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        await InsertRunsAsync(server, 10); // new runs arrive between pages

        var seen = new List<long>(firstIds);
        var before = firstIds[^1];
        while (true)
        {
            var page = await server.GetJsonAsync($"/api/tasks/busy/runs?limit=500&before={before}");
            var ids = page.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
            if (ids.Count == 0)
            {
                break;
            }

            seen.AddRange(ids);
            before = ids[^1];
        }

        Assert.Equal(Runs, seen.Count); // the 10 newer runs did not shift any page
        Assert.Equal(seen.OrderByDescending(id => id), seen);
        Assert.Equal(Runs, seen.Distinct().Count());

        var deep = await server.GetTextAsync($"/tasks/busy?before={seen[Runs / 2]}");
        Assert.Contains($"<a href=\"/tasks/busy?before={seen[(Runs / 2) + 50]}\" data-testid=\"older-runs\" rel=\"next\">Older</a>", deep, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"newest-runs\"", deep, StringComparison.Ordinal);
        Assert.DoesNotContain("hx-trigger", deep, StringComparison.Ordinal); // an old page does not refresh itself
    }

    // One transaction of raw inserts: EF's change tracker would take minutes for this many rows. Every tenth
    // row belongs to another task, so the pages of "busy" are not a plain id range.
    private static async Task InsertRunsAsync(WebServer server, int busyRuns)
    {
        await using var db = await server.Store.Contexts.CreateDbContextAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var start = await MaxSlotAsync(connection) + 1;
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO Runs (TaskId, Trigger, SlotUtc, Attempt, Status, StartedAt, FinishedAt, ExitCode, OutputTail, OutputBytes, Error, Revision, Instance)
            VALUES ($task, 'schedule', $slot, 1, 'succeeded', $slot, $slot + 1500, 0, 'ok', 3, NULL, 'r1', 'web-test')
            """;
        var task = insert.Parameters.Add("$task", SqliteType.Text);
        var slot = insert.Parameters.Add("$slot", SqliteType.Integer);
        for (long i = 0, busy = 0; busy < busyRuns; i++)
        {
            var isOther = i % 10 == 9;
            busy += isOther ? 0 : 1;
            task.Value = isOther ? "other" : "busy";
            slot.Value = (start + i) * 60_000;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static async Task<long> MaxSlotAsync(SqliteConnection connection)
    {
        await using var max = connection.CreateCommand();
        max.CommandText = "SELECT COALESCE(MAX(SlotUtc), 0) / 60000 FROM Runs";
        return (long)(await max.ExecuteScalarAsync())!;
    }
}
