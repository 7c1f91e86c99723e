using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Scheduler.Web.Status;

namespace Scheduler.Web.Api;

/// <summary><c>/api/status</c>: the definition revisions, the instance, the clock, the start.</summary>
internal static class StatusApi
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/status", Get).WithSummary("The applied and attempted definition revision, the instance, the clock and when this process started.");

    private static Ok<StatusJson> Get(ServerInfo server)
    {
        var revision = server.Revision();
        var clock = server.Clock();
        return TypedResults.Ok(new StatusJson(
            new RevisionJson(revision.Applied, revision.Attempted, revision.Error),
            server.Instance,
            new ClockJson(clock.Virtual, clock.Now.UtcDateTime, clock.Rate),
            server.StartedAt.UtcDateTime));
    }
}
