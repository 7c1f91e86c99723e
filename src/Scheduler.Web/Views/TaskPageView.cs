namespace Scheduler.Web.Views;

/// <summary>The model of <c>/tasks/{id}</c>. <see cref="Live"/> is false on older history pages, which do not refresh.</summary>
public sealed record TaskPageView(
    TaskRow Task,
    string DefinitionText,
    string? DefinitionNote,
    IReadOnlyList<SlotRow> Slots,
    DurationChartView Chart,
    Pictures.DailyDurationsView Daily,
    IReadOnlyList<RunRow> Runs,
    string? OlderUrl,
    string? NewestUrl,
    bool Live,
    string LiveUrl,
    IReadOnlyList<AuditRow> Audit,
    IReadOnlyList<NotificationRow> Notifications,
    FormToken Form,
    string Stamp)
{
    /// <summary>The tasks it runs after and the tasks that run after it; null when it is in no chain.</summary>
    public ChainLinksView? Chain { get; init; }
}
