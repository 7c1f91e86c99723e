using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Scheduler.Web.Status;

namespace Scheduler.Web.Api;

/// <summary><c>/api/status</c>: the definition revisions, the instance, the clock, the start, and the store's instances.</summary>
internal static class StatusApi
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/status", Get).WithSummary("The applied and attempted definition revision, the instance, the clock, when this process started, and every instance (replica) of the store with its last heartbeat, whether the store takes this instance's writes, and whether this instance is draining (shutting down).");

    private static async Task<Ok<StatusJson>> Get(ServerInfo server, Engine.SchedulerEngine engine, CancellationToken cancellationToken)
    {
        var store = engine.Health.State;
        var drain = engine.Drain.Window;
        var revision = server.Revision();
        var clock = server.Clock();
        var instances = await server.InstancesAsync(cancellationToken);
        return TypedResults.Ok(new StatusJson(
            new RevisionJson(revision.Applied, revision.Attempted, revision.Error),
            server.Instance,
            new ClockJson(clock.Virtual, clock.Now.UtcDateTime, clock.Rate),
            server.StartedAt.UtcDateTime,
            [.. instances.Select(i => new InstanceJson(i.Name, i.Version, i.StartedAt.UtcDateTime, i.HeartbeatAt.UtcDateTime, i.Alive))],
            new StoreJson(!store.IsRefusing, store.RefusingSince?.UtcDateTime, store.Error),
            new DrainJson(drain is not null, drain?.Since.UtcDateTime, drain?.Deadline.UtcDateTime)));
    }
}
