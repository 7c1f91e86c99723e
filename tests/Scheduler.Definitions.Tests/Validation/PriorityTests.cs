using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary><c>priority: low</c> is for the processes of command and shell tasks.</summary>
public sealed class PriorityTests
{
    [Theory]
    [InlineData("shell: x", TaskPriority.Normal, "")]
    [InlineData("shell: x", TaskPriority.Low, "priority: low\n")]
    [InlineData("command: [x]", TaskPriority.Low, "priority: low\n")]
    [InlineData("http: { url: \"https://example.com\" }", TaskPriority.Normal, "priority: normal\n")]
    public void Command_and_shell_tasks_may_run_low(string handler, TaskPriority expected, string line)
    {
        var task = TaskText.Read($"schedule: \"0 * * * *\"\n{line}{handler}").Task;

        Assert.Equal(expected, Assert.IsType<TaskDefinition>(task).Priority);
    }

    [Theory]
    [InlineData("priority: low\nhttp: { url: \"https://example.com\" }", DiagnosticCodes.InvalidValue, "this is a http task, which runs inside the scheduler")]
    [InlineData("priority: high\nshell: x", DiagnosticCodes.InvalidChoice, "priority")]
    public void Low_priority_elsewhere_and_unknown_priorities_are_errors_at_the_value(string yaml, string code, string message)
    {
        var diagnostic = Assert.Single(TaskText.Read($"schedule: \"0 * * * *\"\n{yaml}").Diagnostics, d => d.IsError);

        Assert.Equal((code, 2, 11), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }
}
