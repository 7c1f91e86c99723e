namespace Scheduler.Web.Api;

/// <summary>The 202 answer of run-now and cancel: the run concerned.</summary>
internal sealed record RunStartedJson(long RunId);
