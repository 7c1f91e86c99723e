using Scheduler.Web.Rendering;

namespace Scheduler.Web.Views;

/// <summary>The model of <c>/</c>.</summary>
internal sealed record OverviewView(HeaderView Header, IReadOnlyList<TaskRow> Tasks, FormToken Form, IReadOnlyList<InstanceRow> Instances)
{
    /// <summary>The table rows, built in C# for speed (see <see cref="TaskTableRows"/>); the template writes them as they are.</summary>
    public SafeHtml Rows => TaskTableRows.Render(Tasks, Form);
}
