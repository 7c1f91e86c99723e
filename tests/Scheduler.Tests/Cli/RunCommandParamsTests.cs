namespace Scheduler.Tests.Cli;

/// <summary><c>scheduler run ID --param NAME=VALUE</c>: values checked as the task declares them, before anything runs.</summary>
public sealed class RunCommandParamsTests
{
    private const string Rebuild = """
        schedule: { manual: true }
        params:
          env: { type: choice, choices: [staging, production], default: staging }
          day: { type: date, required: true }
        shell: echo "rebuild {{ params.env }} $SCHEDULER_PARAM_DAY"
        """;

    [Fact]
    public void Given_values_reach_the_run_and_the_rest_keep_their_defaults()
    {
        using var project = new TempSchedules().With("rebuild.yaml", Rebuild);

        var run = CliRun.Invoke(project.Root, "run", "rebuild", "--param", "day=2026-12-07");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("rebuild staging 2026-12-07\n", run.Out);
    }

    [Fact]
    public void Bad_values_exit_2_naming_each_parameter_and_run_nothing()
    {
        using var project = new TempSchedules().With("rebuild.yaml", Rebuild.Replace("shell: echo", "shell: touch ran; echo", StringComparison.Ordinal));

        var run = CliRun.Invoke(project.Root, "run", "rebuild", "--param", "env=prod", "--param", "colour=red");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--param env: 'prod' is not one of the choices staging, production.\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("--param colour: is not a parameter of this task: its parameters are env, day.\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("--param day: is required and has no default: give it a value (date).\n", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project.Root, "ran")));
    }

    [Fact]
    public void A_dry_run_shows_the_parameters_and_where_each_came_from()
    {
        using var project = new TempSchedules().With("rebuild.yaml", Rebuild);

        var run = CliRun.Invoke(project.Root, "run", "rebuild", "--dry-run", "--param", "day=2026-12-07");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("params:\n  env (choice) = staging (default)\n  day (date) = 2026-12-07\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  echo \"rebuild staging $SCHEDULER_PARAM_DAY\"\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  SCHEDULER_PARAM_DAY=2026-12-07\n", run.Out, StringComparison.Ordinal);
    }
}
