using System.Text.Encodings.Web;
using System.Text.Json;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.Web.Api;

/// <summary>
/// A run as JSON, the one shape of <c>GET /api/tasks/{id}/runs</c> and <c>scheduler runs --format json</c>.
/// <see cref="Passed"/> is null for ordinary rows; a skipped row that stands for a range of slots passed over names
/// them (<c>from</c> is its <c>slot</c>). <see cref="Parameters"/> are the values the run had by name (as text: what a
/// person gave with the defaults filled in, or a scheduled run's defaults), null when its task declares no <c>params:</c>
/// and for skipped rows. Instants are UTC, written with Z.
/// </summary>
public record RunJson(
    long Id,
    string Task,
    string Trigger,
    DateTime Slot,
    int Attempt,
    string Status,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    long? DurationMs,
    int? ExitCode,
    string? Error,
    long OutputBytes,
    string Revision,
    string Instance,
    PassedJson? Passed,
    IReadOnlyDictionary<string, string>? Parameters)
{
    /// <summary>The API's serializer settings (camelCase names), for writers outside ASP.NET such as the CLI.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RunJson From(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(
            run.Id, run.TaskId, RunNames.Of(run.Trigger), run.SlotUtc.UtcDateTime, run.Attempt, RunNames.Of(run.Status),
            run.StartedAt?.UtcDateTime, run.FinishedAt?.UtcDateTime, DurationOf(run), run.ExitCode, run.Error, run.OutputBytes,
            run.Revision, run.Instance, PassedJson.Of(run), State.Store.RunParameters.FromJson(run.Parameters))
        {
            UpstreamRunIds = run.UpstreamRunIds?.Split(',').Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        };
    }

    /// <summary>For a chained run (trigger <c>after</c>): the upstream runs that caused it; null for every other run.</summary>
    public IReadOnlyList<long>? UpstreamRunIds { get; init; }

    private static long? DurationOf(RunRecord run) =>
        run is { StartedAt: { } started, FinishedAt: { } finished } ? (long)(finished - started).TotalMilliseconds : null;
}
