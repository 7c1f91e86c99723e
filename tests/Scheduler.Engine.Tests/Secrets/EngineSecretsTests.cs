using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Tests.Engine;
using Scheduler.Engine.Tests.Notifications;

namespace Scheduler.Engine.Tests.Secrets;

/// <summary>The engine resolves a run's credentials when it starts it, fails it when one is missing, and stores and tells only masked output.</summary>
public sealed class EngineSecretsTests
{
    private const string Value = "engine-Secret-4242";

    static EngineSecretsTests() => Environment.SetEnvironmentVariable("SECRETS_ENGINE_TEST_VALUE", Value);

    [Fact]
    public async Task A_run_whose_credential_is_not_set_fails_naming_it_and_its_handler_never_runs()
    {
        await using var h = await EngineHarness.CreateAsync();
        var sink = new RecordingSink();
        await h.StartEngineAsync(events: sink);
        await h.ApplyAsync("needs-db", "schedule: \"* * * * *\"\nshell: x\nenv: { DB_URL: { from-env: SECRETS_ENGINE_TEST_UNSET } }\n");

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var run = (await h.WaitForRunsAsync("needs-db", r => r.Count == 1 && r[0].Status != RunStatus.Running, "the run to end"))[0];

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(
            "a credential could not be resolved, so the run did not start: env.DB_URL: from-env SECRETS_ENGINE_TEST_UNSET is not set in the scheduler's environment; set it where the scheduler runs, or fix the name",
            run.Error);
        Assert.Empty(h.Handler.CallsOf("needs-db"));
    }

    [Fact]
    public async Task The_handler_gets_the_value_and_the_stored_output_and_the_event_only_see_stars()
    {
        await using var h = await EngineHarness.CreateAsync();
        var sink = new RecordingSink();
        h.Handler.Script("uses-db", Fate.Block);
        await h.StartEngineAsync(events: sink);
        await h.ApplyAsync("uses-db", "schedule: \"* * * * *\"\nshell: x\nenv: { DB_URL: { from-env: SECRETS_ENGINE_TEST_VALUE, prefix: \"pg:\" } }\n");

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var call = (await h.WaitForCallsAsync("uses-db", 1))[0];
        var environment = RunEnvironment.Variables(call.Context);
        call.Context.Output.Append($"connecting with {environment["DB_URL"][..10]}");
        call.Context.Output.Append($"{environment["DB_URL"][10..]}\n");
        call.Release(HandlerOutcome.Failed($"refused: {Value}"));
        var run = (await h.WaitForRunsAsync("uses-db", r => r.Count == 1 && r[0].Status != RunStatus.Running, "the run to end"))[0];

        Assert.Equal("pg:" + Value, environment["DB_URL"]);
        Assert.Equal(("connecting with pg:***\n", "refused: ***"), (run.OutputTail, run.Error));
        var task = await h.WaitForTaskAsync("uses-db", _ => true, "the task");
        Assert.DoesNotContain(Value, task.DefinitionYaml, StringComparison.Ordinal);
        await WaitUntilAsync(() => sink.Events.Count == 1);
        Assert.Equal(("connecting with pg:***\n", "refused: ***"), (sink.Events[0].OutputTail, sink.Events[0].Error));
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "Waited too long for the event.");
            await Task.Delay(10);
        }
    }
}
