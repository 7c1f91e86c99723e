using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Tests.Scheduling;

/// <summary>The schedule in words, as the status page shows it beside the expression.</summary>
public sealed class ScheduleWordsTests
{
    [Theory]
    [InlineData("schedule: {daily: \"02:30\", timezone: Europe/Berlin}", "At 02:30 every day, Europe/Berlin")]
    [InlineData("schedule: {daily: \"02:30\"}", "At 02:30 every day")]
    [InlineData("schedule: {every: 15m}", "Every 15 minutes")]
    [InlineData("schedule: {every: 1h}", "Every hour")]
    [InlineData("schedule: {every: 90m}", "Every 90 minutes")]
    [InlineData("schedule: {every: 1h30m15s}", "Every 1h30m15s")]
    [InlineData("schedule: {weekly: {days: [mon], at: \"07:00\"}}", "Mondays at 07:00")]
    [InlineData("schedule: {weekly: {days: [mon, fri], at: \"04:00\"}, timezone: America/New_York}", "Mondays and Fridays at 04:00, America/New_York")]
    [InlineData("schedule: {cron: \"0 7 * * 1\"}", "Mondays at 07:00")]
    [InlineData("schedule: {manual: true}", "Only when started by hand")]
    public void A_task_schedule_reads_in_words(string schedule, string words)
    {
        var task = TaskText.Read(schedule + "\nshell: \"true\"\n").Task;

        Assert.NotNull(task);
        Assert.Equal(words, ScheduleWords.Of(task.Schedule));
    }

    [Theory]
    [InlineData("* * * * *", "Every minute")]
    [InlineData("*/15 * * * *", "Every 15 minutes")]
    [InlineData("5 * * * *", "Every hour at :05")]
    [InlineData("0 */6 * * *", "Every 6 hours at :00")]
    [InlineData("30 2 * * *", "At 02:30 every day")]
    [InlineData("0 8,17 * * *", "At 08:00 and 17:00 every day")]
    [InlineData("0 9 * * 1-5", "Monday to Friday at 09:00")]
    [InlineData("0 9 * * sat,sun", "Saturdays and Sundays at 09:00")]
    [InlineData("0 0 * * 7", "Sundays at 00:00")]
    [InlineData("0 6 1 * *", "At 06:00 on day 1 of every month")]
    [InlineData("0 30 2 * * *", "At 02:30 every day")]
    public void A_cron_expression_of_a_common_shape_reads_in_words(string cron, string words) =>
        Assert.Equal(words, ScheduleWords.Cron(cron, "UTC"));

    [Theory]
    [InlineData("15 30 2 * * *")] // seconds
    [InlineData("0 0 1 1 *")] // a month
    [InlineData("0 0 13 * 5")] // a day of the month and of the week: cron's "or"
    [InlineData("0-30/5 9-17 * * 1-5")] // ranges of minutes and hours
    [InlineData("0 1,2,3,4,5 * * *")] // more hours than reads well
    public void An_unusual_cron_expression_has_no_words_rather_than_misleading_ones(string cron) =>
        Assert.Null(ScheduleWords.Cron(cron, "UTC"));
}
