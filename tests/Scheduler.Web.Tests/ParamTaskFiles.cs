namespace Scheduler.Web.Tests;

/// <summary>Task files with <c>params:</c>, one of each kind of input the run-now form has.</summary>
internal static class ParamTaskFiles
{
    /// <summary>Manual; prints what its parameters became, through the environment and a template.</summary>
    public const string Report = """
        description: a report with parameters
        schedule:
          manual: true
        params:
          region: { type: choice, choices: [eu, us], default: eu, description: Which region's data to read }
          count: { type: int, default: 3 }
          window: { type: duration, required: true, description: How far back to look }
          label: { type: string, pattern: "[a-z]+", default: daily }
          dry-run: { type: bool, default: true }
          day: { type: date }
        shell: "echo region=$SCHEDULER_PARAM_REGION window={{ params.window }} dry=$SCHEDULER_PARAM_DRY_RUN"
        """;
}
