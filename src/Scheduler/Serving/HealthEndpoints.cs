using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Scheduler.Engine.Reconciling;
using Scheduler.State.Store;

namespace Scheduler.Serving;

/// <summary><c>/healthz</c>: the process is alive. <c>/readyz</c>: not draining, the definitions are loaded and the store answers and takes writes.</summary>
internal static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        // Probes do not sign in: these answer whatever Scheduler:Auth says, and say nothing a viewer could not see.
        app.MapGet("/healthz", () => Results.Text("ok\n")).AllowAnonymous()
            .WithName("healthz").WithTags("probes").WithSummary("Liveness probe")
            .WithDescription("200 with 'ok' while the process serves.").Produces<string>(StatusCodes.Status200OK, "text/plain");
        app.MapGet("/readyz", async (SchedulerStore store, DefinitionSync sync, Engine.SchedulerEngine engine, CancellationToken cancellationToken) =>
        {
            // From the first moment of a stop: the load balancer and Kubernetes send nothing more here while it drains.
            if (engine.Drain.Window is { } drain)
            {
                return Results.Text(
                    $"not ready: draining since {drain.Since:O}, runs in progress go on until {drain.Deadline:O} and no new run starts here\n",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (engine.Health.State is { IsRefusing: true } refusing)
            {
                return Results.Text(
                    $"not ready: the store refuses writes since {refusing.RefusingSince:O}: {refusing.Error}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (sync.Latest is null)
            {
                return Results.Text("not ready: the definitions are not loaded yet\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            try
            {
                await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Text($"not ready: the store does not answer: {e.Message}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Text($"ready: definitions {sync.Latest.Revision}\n");
        }).AllowAnonymous()
            .WithName("readyz").WithTags("probes").WithSummary("Readiness probe")
            .WithDescription("200 once the definitions are loaded and the store answers and takes writes; 503 with the reason before.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/plain");
    }
}
