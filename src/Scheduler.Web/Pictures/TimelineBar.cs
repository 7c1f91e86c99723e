namespace Scheduler.Web.Pictures;

/// <summary>A run as a bar from its start to its end (or now), coloured by status; <see cref="Label"/> says it in words.</summary>
public sealed record TimelineBar(string Url, string Status, string X, string Width, string Label);
