namespace Scheduler.Web.Views;

/// <summary>The page of a task. Ids are lowercase letters, digits, '-', '_' and '/', so they go in the path as they are.</summary>
internal static class TasksUrl
{
    public static string Of(string taskId) => "/tasks/" + Uri.EscapeDataString(taskId).Replace("%2F", "/", StringComparison.Ordinal);
}
