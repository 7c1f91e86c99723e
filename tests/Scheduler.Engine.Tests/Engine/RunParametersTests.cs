using Scheduler.Definitions.Runs;
using Scheduler.Engine.Running;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>The parameters a run records and its handler sees: given to run now (checked), the defaults on schedule, kept by a retry.</summary>
public sealed class RunParametersTests
{
    private const string Report = """
        schedule: "0 12 * * *"
        retry: { attempts: 1, backoff: 30s }
        params:
          region: { type: choice, choices: [eu, us], default: eu }
          count: { type: int, default: 3 }
        shell: x
        """;

    [Fact]
    public async Task A_scheduled_run_records_the_defaults_and_its_handler_sees_them()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("report", Report);

        h.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00:00
        var run = Assert.Single(await h.WaitForRunsAsync("report", r => r.Count == 1 && r[0].Status == RunStatus.Succeeded, "the noon run"));

        Assert.Equal("""{"count":"3","region":"eu"}""", run.Parameters);
        Assert.Equal(new Dictionary<string, string> { ["region"] = "eu", ["count"] = "3" }, h.Handler.CallFor(run.Id).Context.ParameterValues);
    }

    [Fact]
    public async Task Run_now_checks_the_values_records_them_with_the_defaults_and_a_retry_keeps_them()
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Handler.Script("report", Fate.Fail, Fate.Succeed);
        await h.StartEngineAsync();
        await h.ApplyAsync("report", Report.Replace("0 12 * * *", "0 0 1 1 *", StringComparison.Ordinal)); // no slot in the way

        var refused = await h.Engine.RunNowAsync("report", new Dictionary<string, string> { ["region"] = "mars", ["size"] = "1" });
        var started = await h.Engine.RunNowAsync("report", new Dictionary<string, string> { ["region"] = "us" });

        Assert.Equal(RunNowOutcome.Invalid, refused.Outcome);
        Assert.Equal(["region", "size"], refused.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(RunNowOutcome.Started, started.Outcome);
        await h.WaitForStatusAsync(started.RunId!.Value, RunStatus.Failed);
        h.Clock.Advance(TimeSpan.FromSeconds(30)); // the retry's backoff
        var runs = await h.WaitForRunsAsync("report", r => r.Count == 2 && r[1].Status == RunStatus.Succeeded, "the retry to succeed");

        Assert.Equal([(RunTrigger.Manual, 1), (RunTrigger.Retry, 2)], runs.Select(r => (r.Trigger, r.Attempt)));
        Assert.All(runs, r => Assert.Equal("""{"count":"3","region":"us"}""", r.Parameters));
        Assert.All(h.Handler.CallsOf("report"), c => Assert.Equal("us", c.Context.ParameterValues["region"]));
    }

    [Fact]
    public async Task A_task_without_params_records_none()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync();
        await h.ApplyAsync("plain", "schedule: \"0 12 * * *\"\nshell: x");

        var started = await h.Engine.RunNowAsync("plain", new Dictionary<string, string>());

        Assert.Null((await h.WaitForStatusAsync(started.RunId!.Value, RunStatus.Succeeded)).Parameters);
    }
}
