using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Conversion;

/// <summary>Stores a run status as its user-facing name (<c>timed-out</c>), so the table reads like the page.</summary>
internal sealed class RunStatusConverter() : ValueConverter<RunStatus, string>(
    status => RunNames.Of(status),
    name => RunNames.ParseStatus(name));
