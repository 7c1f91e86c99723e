using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.Tests.Serve;
using Xunit.Abstractions;

namespace Scheduler.Tests.Replicas;

/// <summary>A pause is stored, not held by the process that took it: every replica honours it, and a resume on another lifts it.</summary>
[Collection(PostgresReplicas.Name)]
public sealed class PauseAcrossReplicasTests(PostgresServer postgres, ITestOutputHelper log)
{
    private const string Token = "replica-pause-token";

    [Fact]
    public async Task A_pause_sent_to_one_replica_skips_the_slots_of_both_and_a_resume_sent_to_the_other_lets_them_run()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("ops/tick", """
            schedule: "* * * * * *"
            shell: "true"
            """);
        var connection = await postgres.CreateDatabaseAsync("pause");
        var settings = new Dictionary<string, string> { ["Scheduler__Api__Token"] = Token };
        using var first = ServeProcess.Start(folder.Root, ["--schedules", folder.Schedules, "--store", "postgres", "--connection", connection, "--instance", "first"], "first", log, settings);
        using var second = ServeProcess.Start(folder.Root, ["--schedules", folder.Schedules, "--store", "postgres", "--connection", connection, "--instance", "second"], "second", log, settings);
        await Task.WhenAll(first.WaitReadyAsync(TimeSpan.FromSeconds(60)), second.WaitReadyAsync(TimeSpan.FromSeconds(60)));
        await using var store = await SchedulerStore.OpenAsync(new StoreOptions { Kind = StoreKind.Postgres, Connection = connection });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await Eventually.HoldsAsync(
            async () => (await store.Runs.ListRunsAsync("ops/tick", 50, null, default)).Any(r => r.Status == RunStatus.Succeeded),
            TimeSpan.FromSeconds(30),
            () => $"the task never ran.\n{first.Output}\n{second.Output}");

        // Pause the folder on the first replica.
        await PostAsync(http, first, "/api/pause", """{"target":"ops/","reason":"incident 42"}""");
        var paused = DateTimeOffset.UtcNow;

        // From a second after the pause (the PauseBoard reads the table at most once a second), every slot is a
        // skipped row naming the pause, whichever replica claimed it, and nothing runs.
        var settled = paused.AddSeconds(2);
        var skipped = await Eventually.ReturnsAsync(
            async () =>
            {
                var rows = (await store.Runs.ListRunsAsync("ops/tick", 200, null, default)).Where(r => r.SlotUtc > settled).ToList();
                return rows.Count >= 4 ? rows : null;
            },
            TimeSpan.FromSeconds(30),
            () => $"no slots were recorded after the pause.\n{first.Output}\n{second.Output}");
        Assert.All(skipped, r =>
        {
            Assert.Equal(RunStatus.Skipped, r.Status);
            Assert.StartsWith("paused by ", r.Error, StringComparison.Ordinal);
            Assert.EndsWith(": incident 42", r.Error, StringComparison.Ordinal);
        });

        // Resume on the other replica: the task runs again, and no slot was claimed twice.
        await PostAsync(http, second, "/api/resume", """{"target":"ops/"}""");
        var resumed = DateTimeOffset.UtcNow.AddSeconds(2);
        await Eventually.HoldsAsync(
            async () => (await store.Runs.ListRunsAsync("ops/tick", 200, null, default)).Any(r => r.SlotUtc > resumed && r.Status == RunStatus.Succeeded),
            TimeSpan.FromSeconds(30),
            () => $"the task did not run after the resume.\n{first.Output}\n{second.Output}");
        var all = await store.Runs.ListRunsAsync("ops/tick", 500, null, default);
        Assert.Equal(all.Count, all.Select(r => (r.SlotUtc, r.Attempt)).Distinct().Count());
    }

    private static async Task PostAsync(HttpClient http, ServeProcess replica, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(replica.BaseAddress, path), content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} on {replica.BaseAddress} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
