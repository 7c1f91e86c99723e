using Scheduler.Web.Rendering;

namespace Scheduler.Web.Views;

/// <summary>The model of <c>/tasks/{id}</c>. <see cref="Live"/> is false on older history pages, which do not refresh.</summary>
internal sealed record TaskPageView(
    TaskRow Task,
    string DefinitionText,
    string? DefinitionNote,
    IReadOnlyList<SlotRow> Slots,
    SafeHtml Chart,
    IReadOnlyList<RunRow> Runs,
    string? OlderUrl,
    string? NewestUrl,
    bool Live,
    string LiveUrl,
    IReadOnlyList<AuditRow> Audit,
    IReadOnlyList<NotificationRow> Notifications,
    FormToken Form);
