namespace Scheduler.Web.Pictures;

/// <summary>
/// One run as a bar from its start to its end (or now), coloured by status, or several runs of the same status
/// that would be drawn less than a unit apart, as one bar linking to the task's history; <see cref="Label"/> says it in words.
/// </summary>
public sealed record TimelineBar(string Url, string Status, string X, string Width, string Label);
