using System.Net;
using System.Text.Json;

namespace Scheduler.Web.Tests;

/// <summary>The pinned JSON shapes of the read API.</summary>
public sealed class ApiShapeTests
{
    private static readonly string[] TaskFields = ["id", "description", "state", "schedule", "timezone", "enabled", "lastRun", "nextRunAt", "failureStreak", "configError", "paused"];

    [Fact]
    public async Task Api_tasks_lists_every_task_with_exactly_the_pinned_fields()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["jobs/hello"] = TaskFiles.Manual(), ["berlin"] = TaskFiles.Berlin });

        var tasks = await server.GetJsonAsync("/api/tasks");

        var berlin = tasks.EnumerateArray().Single(t => t.GetProperty("id").GetString() == "berlin");
        Assert.Equal(TaskFields, berlin.EnumerateObject().Select(p => p.Name));
        Assert.Equal("active", berlin.GetProperty("state").GetString());
        Assert.Equal("Europe/Berlin", berlin.GetProperty("timezone").GetString());
        Assert.Equal("daily 02:30 (Europe/Berlin)", berlin.GetProperty("schedule").GetString());
        Assert.True(berlin.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, berlin.GetProperty("lastRun").ValueKind);
        Assert.EndsWith("Z", berlin.GetProperty("nextRunAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, berlin.GetProperty("failureStreak").GetInt32());
        Assert.Contains(tasks.EnumerateArray(), t => t.GetProperty("id").GetString() == "system/vacuum");
    }

    [Fact]
    public async Task A_task_its_runs_and_a_run_with_its_output_tail_are_served_by_id_with_slashes_plain_or_encoded()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["jobs/hello"] = TaskFiles.Manual("out put") }, apiToken: "secret");
        var runId = await Actions.RunNowByApiAsync(server, "jobs/hello", "secret");
        await Actions.WaitForStatusAsync(server, runId, "succeeded");

        var task = await server.GetJsonAsync("/api/tasks/jobs/hello");
        Assert.Equal("jobs/hello", task.GetProperty("id").GetString());
        Assert.Equal(runId, task.GetProperty("lastRun").GetProperty("id").GetInt64());
        Assert.Equal("succeeded", task.GetProperty("lastRun").GetProperty("status").GetString());
        Assert.Contains("manual: true", task.GetProperty("definition").GetString(), StringComparison.Ordinal);
        Assert.Equal("jobs/hello", (await server.GetJsonAsync("/api/tasks/jobs%2Fhello")).GetProperty("id").GetString());

        var runs = await server.GetJsonAsync("/api/tasks/jobs/hello/runs?limit=50");
        var listed = Assert.Single(runs.EnumerateArray());
        Assert.Equal(
            ["id", "task", "trigger", "slot", "attempt", "status", "startedAt", "finishedAt", "durationMs", "exitCode", "error", "outputBytes", "revision", "instance", "passed", "parameters", "upstreamRunIds"],
            listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal("manual", listed.GetProperty("trigger").GetString());

        var run = await server.GetJsonAsync($"/api/runs/{runId}");
        Assert.Equal("out put\n", run.GetProperty("outputTail").GetString());
        Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
        Assert.Equal("web-test", run.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Unknown_tasks_and_runs_are_404_with_a_reason()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() });

        using var task = await server.Client.GetAsync(new Uri("/api/tasks/nope", UriKind.Relative));
        using var run = await server.Client.GetAsync(new Uri("/api/runs/999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, task.StatusCode);
        Assert.Contains("there is no task 'nope'", await task.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, run.StatusCode);
    }

    [Fact]
    public async Task Api_status_gives_the_revisions_the_instance_the_virtual_clock_the_start_and_the_instances()
    {
        var start = new DateTimeOffset(2027, 3, 27, 12, 0, 0, TimeSpan.Zero);
        await using var server = await WebServer.StartAsync(new Dictionary<string, string> { ["hello"] = TaskFiles.Manual() }, clockStart: start);

        var status = await server.GetJsonAsync("/api/status");

        Assert.Equal(["revision", "instance", "clock", "startedAt", "instances", "store", "drain"], status.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["draining", "since", "deadline"], status.GetProperty("drain").EnumerateObject().Select(p => p.Name));
        Assert.False(status.GetProperty("drain").GetProperty("draining").GetBoolean());
        Assert.Equal(["acceptsWrites", "refusingSince", "error"], status.GetProperty("store").EnumerateObject().Select(p => p.Name));
        Assert.True(status.GetProperty("store").GetProperty("acceptsWrites").GetBoolean());
        var revision = status.GetProperty("revision");
        Assert.Equal(["applied", "attempted", "error"], revision.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("sha256:", revision.GetProperty("applied").GetString(), StringComparison.Ordinal);
        Assert.Equal(revision.GetProperty("applied").GetString(), revision.GetProperty("attempted").GetString());
        Assert.Equal(JsonValueKind.Null, revision.GetProperty("error").ValueKind);
        Assert.Equal("web-test", status.GetProperty("instance").GetString());
        var clock = status.GetProperty("clock");
        Assert.True(clock.GetProperty("virtual").GetBoolean());
        Assert.Equal(1.0, clock.GetProperty("rate").GetDouble());
        var now = clock.GetProperty("now").GetDateTimeOffset();
        Assert.InRange(now, start, start.AddMinutes(5));
        Assert.InRange(status.GetProperty("startedAt").GetDateTimeOffset(), start, start.AddMinutes(5));

        // The engine registers itself at start; the heartbeat is on the same (virtual) clock.
        JsonElement instance = default;
        await Eventually.HoldsAsync(
            async () =>
            {
                var instances = (await server.GetJsonAsync("/api/status")).GetProperty("instances");
                instance = instances.GetArrayLength() > 0 ? instances[0] : default;
                return instances.GetArrayLength() > 0;
            },
            "/api/status listed no instance.");
        Assert.Equal(["name", "version", "startedAt", "heartbeatAt", "alive"], instance.EnumerateObject().Select(p => p.Name));
        Assert.Equal("web-test", instance.GetProperty("name").GetString());
        Assert.True(instance.GetProperty("alive").GetBoolean());
        Assert.InRange(instance.GetProperty("heartbeatAt").GetDateTimeOffset(), start, start.AddMinutes(5));
    }
}
