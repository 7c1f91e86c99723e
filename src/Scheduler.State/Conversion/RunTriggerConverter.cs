using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Conversion;

/// <summary>Stores a run trigger as its user-facing name (<c>catch-up</c>).</summary>
internal sealed class RunTriggerConverter() : ValueConverter<RunTrigger, string>(
    trigger => RunNames.Of(trigger),
    name => RunNames.ParseTrigger(name));
