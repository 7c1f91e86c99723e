using Scheduler.Definitions.Model;
using Scheduler.Definitions.Parameters;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>A task's <c>params</c> reach a real child process as <c>{{ params.NAME }}</c> and <c>SCHEDULER_PARAM_NAME</c>.</summary>
public sealed class RunParametersTests
{
    private static readonly TaskParameter[] Declared =
    [
        new("day", ParameterType.Date, "2026-12-01", [], false, null, null),
        new("dry-run", ParameterType.Bool, "false", [], false, null, null),
        new("count", ParameterType.Int, "3", [], false, null, null),
        new("note", ParameterType.String, null, [], false, null, null),
    ];

    private const string Script =
        "echo \"template: {{ params.day }} {{ if params[\"dry-run\"] }}dry{{ else }}real{{ end }} {{ params.count + 1 }} [{{ params.note }}]\"\n"
        + "echo \"env: $SCHEDULER_PARAM_DAY $SCHEDULER_PARAM_DRY_RUN $SCHEDULER_PARAM_COUNT [${SCHEDULER_PARAM_NOTE-unset}]\"\n";

    private readonly ShellRunHandler _shell = new();

    [Fact]
    public async Task A_scheduled_run_gets_the_defaults_typed_in_templates_and_as_text_in_the_environment()
    {
        var context = HandlerRuns.Context(HandlerRuns.Task(new ShellHandler(Script)) with { Params = Declared });

        var outcome = await _shell.RunAsync(context, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal("template: 2026-12-01 real 4 []\nenv: 2026-12-01 false 3 []\n", context.Output.ToText());
    }

    [Fact]
    public async Task A_run_given_values_sees_those_and_the_defaults_of_the_rest()
    {
        var task = HandlerRuns.Task(new ShellHandler(Script)) with { Params = Declared };
        var context = HandlerRuns.Context(task, trigger: RunTrigger.Manual) with
        {
            Parameters = ParameterValues.Resolve(Declared, ["day=2026-12-07", "dry-run=TRUE", "note=two words"]).Values,
        };

        var outcome = await _shell.RunAsync(context, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal("template: 2026-12-07 dry 4 [two words]\nenv: 2026-12-07 true 3 [two words]\n", context.Output.ToText());
    }

    [Fact]
    public void A_task_without_params_renders_as_before_and_sets_no_param_variables()
    {
        var context = HandlerRuns.Context(HandlerRuns.Task(new ShellHandler("true")));

        Assert.Equal("backups/nightly-db", TemplateRenderer.Render("{{ task.id }}", context));
        Assert.DoesNotContain(RunEnvironment.Variables(context, new Dictionary<string, string>()).Keys, name => name.StartsWith("SCHEDULER_PARAM_", StringComparison.Ordinal));
    }
}
