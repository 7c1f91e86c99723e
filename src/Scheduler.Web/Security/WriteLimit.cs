namespace Scheduler.Web.Security;

/// <summary><c>Scheduler:Api:WriteLimit</c>: how many writes one user, token or address may make per window.</summary>
internal sealed record WriteLimit(int PermitLimit, TimeSpan Window)
{
    public static WriteLimit Default { get; } = new(30, TimeSpan.FromMinutes(1));
}
