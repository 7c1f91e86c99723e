namespace Scheduler.Web.Views;

/// <summary>The model of <c>/</c>.</summary>
public sealed record OverviewView(HeaderView Header, IReadOnlyList<TaskRow> Tasks, FormToken Form, IReadOnlyList<InstanceRow> Instances);
