using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>The <c>suspend-after-failures</c> key and the <c>suspended</c> notify event.</summary>
public sealed class SuspendValidationTests
{
    private const string Task = "schedule: \"0 * * * *\"\nshell: \"true\"\n";

    [Theory]
    [InlineData("1", 1)]
    [InlineData("5", 5)]
    [InlineData("1000", 1000)]
    public void A_limit_from_1_to_1000_is_read(string value, int expected) =>
        Assert.Equal(expected, TaskText.Read($"{Task}suspend-after-failures: {value}\n").Task!.SuspendAfterFailures);

    [Fact]
    public void Without_the_key_the_task_leaves_it_to_the_server() =>
        Assert.Null(TaskText.Read(Task).Task!.SuspendAfterFailures);

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("often")]
    public void A_limit_out_of_range_is_an_error_at_its_line_and_column_naming_the_key(string value)
    {
        var result = TaskText.Read($"{Task}suspend-after-failures: {value}\n");

        Assert.Null(result.Task);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((3, 25), (diagnostic.Line, diagnostic.Column));
        Assert.Contains("suspend-after-failures", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(value, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suspended_is_an_event_notify_on_accepts()
    {
        var result = TaskText.Read($"{Task}notify:\n  on: [suspended]\n  webhook: {{ url-from-env: HOOK, format: slack }}\n");

        Assert.Empty(result.Diagnostics);
        Assert.True(result.Task!.Notify!.Wants(NotifyEvent.Suspended));
    }
}
