using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Scheduler.State.Conversion;

/// <summary>
/// Stores every instant as Unix milliseconds (a 64-bit integer, UTC).
/// </summary>
/// <remarks>
/// Why an integer rather than the provider's date type: the claim's unique key contains the slot, so
/// the stored value must be canonical and exact on every provider (SQLite keeps text with 100 ns,
/// PostgreSQL microseconds; the same instant must never become two keys). Integers sort and compare
/// the same on SQLite and PostgreSQL, where SQLite cannot compare <see cref="DateTimeOffset"/> at all.
/// Sub-millisecond precision is dropped, which a scheduler never needs.
/// </remarks>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    instant => instant.ToUnixTimeMilliseconds(),
    milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
