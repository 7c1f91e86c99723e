namespace Scheduler.Web.Pictures;

/// <summary>One day: p95 as a light bar, p50 as a dark bar in front of it (SVG numbers already written).</summary>
public sealed record DayBar(string X, string Width, string P50Y, string P50Height, string P95Y, string P95Height, string Label);
