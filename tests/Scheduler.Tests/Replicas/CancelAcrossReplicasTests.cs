using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.Tests.Serve;
using Xunit.Abstractions;

namespace Scheduler.Tests.Replicas;

/// <summary>Run now and cancel on replicas: each reaches exactly one process, the one that can act on it.</summary>
[Collection(PostgresReplicas.Name)]
public sealed class CancelAcrossReplicasTests(PostgresServer postgres, ITestOutputHelper log)
{
    private const string Token = "replica-test-token";

    [Fact]
    public async Task A_cancel_sent_to_another_replica_stops_the_run_in_the_replica_that_owns_it()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("sleeper", $"""
            schedule:
              manual: true
            timeout: 10m
            kill-grace: 2s
            shell: |
              {folder.WitnessCommand()}
              exec sleep 600
            """);
        var connection = await postgres.CreateDatabaseAsync("cancel");
        var settings = new Dictionary<string, string> { ["Scheduler__Api__Token"] = Token };
        using var owner = ServeProcess.Start(folder.Root, ["--schedules", folder.Schedules, "--store", "postgres", "--connection", connection, "--instance", "owner"], "owner", log, settings);
        // The other replica gets its database from the environment alone, as a container would.
        var environment = new Dictionary<string, string>(settings) { ["Scheduler__Store__Connection"] = connection };
        using var other = ServeProcess.Start(folder.Root, ["--schedules", folder.Schedules, "--instance", "other"], "other", log, environment);
        await Task.WhenAll(owner.WaitReadyAsync(TimeSpan.FromSeconds(60)), other.WaitReadyAsync(TimeSpan.FromSeconds(60)));
        await using var store = await SchedulerStore.OpenAsync(new StoreOptions { Kind = StoreKind.Postgres, Connection = connection });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        // Run now reaches the replica that was asked, and only it: one run, owned by it.
        var started = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await http.PostAsync(new Uri(owner.BaseAddress, "/api/tasks/sleeper/run"), null);
                return response.StatusCode == HttpStatusCode.Accepted ? await response.Content.ReadAsStringAsync() : null;
            },
            TimeSpan.FromSeconds(20),
            () => $"run now was not accepted by 'owner'.\n{owner.Output}");
        var runId = JsonDocument.Parse(started).RootElement.GetProperty("runId").GetInt64();
        await Eventually.HoldsAsync(() => folder.ReadWitness().Any(w => w.RunId == runId), TimeSpan.FromSeconds(20), () => $"run #{runId} never started.\n{owner.Output}");
        Assert.Equal("owner", (await store.Runs.GetRunAsync(runId, default))!.Instance);

        // Cancel goes to the other replica, which does not run it: it asks the owner through the store.
        using (var response = await http.PostAsync(new Uri(other.BaseAddress, $"/api/runs/{runId}/cancel"), null))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"cancel on 'other' answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var cancelled = await Eventually.ReturnsAsync(
            async () => await store.Runs.GetRunAsync(runId, default) is { Status: not RunStatus.Running } run ? run : null,
            TimeSpan.FromSeconds(20),
            () => $"run #{runId} was not stopped.\n----- owner -----\n{owner.Output}\n----- other -----\n{other.Output}");
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.Equal("owner", cancelled.Instance);
        Assert.Single(await store.Runs.ListRunsAsync("sleeper", 10, null, default));
        Assert.Contains("at the request of another instance", owner.Output, StringComparison.Ordinal);
    }
}
