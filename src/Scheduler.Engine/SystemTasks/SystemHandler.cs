using Scheduler.Definitions.Model;

namespace Scheduler.Engine.SystemTasks;

/// <summary>The handler of a system task: which maintenance job to do. Not writable in task files.</summary>
public sealed record SystemHandler(string Job) : HandlerDefinition(SystemHandler.KindName)
{
    public const string KindName = "system";

    public const string HistoryRetention = "history-retention";

    public const string Vacuum = "vacuum";

    public const string GitSync = "git-sync";
}
