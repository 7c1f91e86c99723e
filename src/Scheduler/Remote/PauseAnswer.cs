namespace Scheduler.Remote;

/// <summary>The answers of <c>POST /api/pause</c> (<c>{"paused":[ids]}</c>) and <c>POST /api/resume</c> (<c>{"resumed":[ids]}</c>).</summary>
internal sealed record PauseAnswer(string[]? Paused, string[]? Resumed);
