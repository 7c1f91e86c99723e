namespace Scheduler.Serving;

/// <summary>What <c>scheduler serve</c> was asked for, after command-line flags override <c>Scheduler:</c> settings.</summary>
internal sealed record ServeOptions(
    string Schedules,
    string Data,
    string Urls,
    string? Instance,
    DateTimeOffset? ClockStart,
    double ClockRate);
