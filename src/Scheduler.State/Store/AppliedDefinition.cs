using Scheduler.State.Entities;

namespace Scheduler.State.Store;

/// <summary>A valid definition the reconciler hands to the store: the file text, its hash and where it came from.</summary>
public sealed record AppliedDefinition(
    string TaskId,
    string SourcePath,
    string DefinitionYaml,
    string DefinitionHash,
    string Revision,
    DateTimeOffset? NextSlotUtc,
    TaskState State = TaskState.Active,
    bool IsSystem = false);
