namespace Scheduler.Web.Api;

/// <summary>The 202 answer of run-now and cancel: the run concerned.</summary>
internal sealed record RunStartedJson(long RunId)
{
    /// <summary>What the person should know about a run that started anyway (the task is paused); null otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Notice { get; init; }
}
