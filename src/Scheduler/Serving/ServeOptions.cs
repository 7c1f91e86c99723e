using Scheduler.State.Store;

namespace Scheduler.Serving;

/// <summary>What <c>scheduler serve</c> was asked for, after command-line flags override <c>Scheduler:</c> settings.</summary>
internal sealed record ServeOptions(
    string Schedules,
    string Data,
    string Urls,
    string? Instance,
    DateTimeOffset? ClockStart,
    double ClockRate,
    GitServeOptions? Git = null,
    StoreKind Store = StoreKind.Sqlite,
    string? Connection = null);

/// <summary>What <c>serve --git URL [--branch] [--git-path] [--git-interval]</c> asked for.</summary>
internal sealed record GitServeOptions(string Url, string Branch, string Path, TimeSpan Interval);
