namespace Scheduler.Web.Api;

/// <summary>
/// Whether the state store takes this instance's writes: while it refuses them (a full disk, a lost database),
/// <see cref="RefusingSince"/> and the store's <see cref="Error"/> say since when and why; runs and ends are kept until it does.
/// </summary>
internal sealed record StoreJson(bool AcceptsWrites, DateTime? RefusingSince, string? Error);
