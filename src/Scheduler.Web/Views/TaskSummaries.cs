using Microsoft.EntityFrameworkCore;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Web.Views;

/// <summary>
/// Every task's row without its definition text (<see cref="TaskRecord.DefinitionYaml"/> is empty): the text is
/// most of a task's bytes, and the lists take what they show of it from <see cref="DefinitionViews"/> by hash.
/// </summary>
internal sealed class TaskSummaries(SchedulerStore store)
{
    /// <summary>All tasks, retired ones included, ordered by id.</summary>
    public async Task<IReadOnlyList<TaskRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tasks.AsNoTracking()
            .OrderBy(t => t.Id)
            .Select(t => new TaskRecord
            {
                Id = t.Id,
                SourcePath = t.SourcePath,
                DefinitionYaml = "",
                DefinitionHash = t.DefinitionHash,
                Revision = t.Revision,
                State = t.State,
                ConfigError = t.ConfigError,
                NextSlotUtc = t.NextSlotUtc,
                LastSlotUtc = t.LastSlotUtc,
                LastRunId = t.LastRunId,
                LastRunStatus = t.LastRunStatus,
                LastRunStartedAt = t.LastRunStartedAt,
                LastRunFinishedAt = t.LastRunFinishedAt,
                FailureStreak = t.FailureStreak,
                AppliedAt = t.AppliedAt,
                UpdatedAt = t.UpdatedAt,
                IsSystem = t.IsSystem,
            })
            .ToListAsync(cancellationToken);
    }
}
