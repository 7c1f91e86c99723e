namespace Scheduler.Tests.Deploy;

/// <summary>
/// A fact that needs an external program (kubectl, node, systemd-analyze). .ci/run installs them, so under CI (with
/// CI set) a missing program fails the test; on a developer's machine without it, the test is skipped with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] programs)
    {
        var missing = programs.Where(p => ToolRun.Find(p) is null).ToList();
        if (missing.Count > 0 && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = $"{string.Join(", ", missing)} not on PATH: .ci/run installs it (under CI, with CI set, a missing program fails the test).";
        }
    }
}
