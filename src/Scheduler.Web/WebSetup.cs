using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Prometheus;
using Scheduler.Web.Actions;
using Scheduler.Web.Api;
using Scheduler.Web.Metrics;
using Scheduler.Web.Pages;
using Scheduler.Web.Rendering;
using Scheduler.Web.Security;
using Scheduler.Web.Status;
using Scheduler.State.Store;
using Scheduler.Web.Views;

namespace Scheduler.Web;

/// <summary>
/// Adds the status page, the JSON API, <c>/metrics</c> and <c>/openapi/v1.json</c> to the serve host. Needs the
/// engine's services (store, engine, definition sync, <see cref="TimeProvider"/>) registered by the caller.
/// </summary>
public static class WebSetup
{
    /// <summary>Used when <c>AllowedHosts</c> is not set: the names a loopback-bound server is reached by.</summary>
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Registers the web services. Returns the problems in the sign-in and API settings (<c>Scheduler:Auth</c>,
    /// <c>Scheduler:Api</c>), each a sentence with the key, the value and the fix: the caller must not start with any.
    /// </summary>
    public static IReadOnlyList<string> AddSchedulerWeb(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var auth = AuthSettingsReader.Read(configuration, out var problems);
        AuthSetup.Add(services, auth);
        services.AddHttpContextAccessor();
        var allowedHosts = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.Configure<HostFilteringOptions>(o => o.AllowedHosts = allowedHosts.Length > 0 ? allowedHosts : LoopbackHosts);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "scheduler-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__antiforgery";
            o.HeaderName = "X-Antiforgery-Token";
        });
        Api.Document.ApiDocument.Add(services);
        services.AddSingleton<ComponentRenderer>();
        services.AddSingleton<RowHtml>();
        services.AddSingleton<PageResults>();
        services.TryAddSingleton<Engine.Registry.DefinitionRegistry>(); // serve registers the reconciler's; alone, the page parses stored text once per version
        services.AddSingleton<DefinitionViews>();
        services.AddSingleton<TaskSummaries>();
        services.AddSingleton<TaskList>();
        services.AddHostedService<ListRefresher>();
        services.AddSingleton<OverviewFolders>();
        services.AddSingleton<ChainLinks>();
        services.AddSingleton<TaskRows>();
        services.AddSingleton<ServerInfo>();
        services.AddSingleton<PageBuilder>();
        services.AddSingleton<Pictures.PictureQueries>();
        services.AddSingleton<Pictures.DailyDurationsCache>();
        services.AddSingleton<Pictures.TimelineRuns>();
        services.AddSingleton<Pictures.PicturePages>();
        services.AddSingleton<Live.StoreChanges>();
        services.AddHostedService(s => s.GetRequiredService<Live.StoreChanges>());
        services.AddSingleton<Live.LiveParts>();
        services.AddSingleton<TaskActions>();
        services.AddSingleton<RunNowForms>();
        services.AddSingleton<PauseBoard>();
        services.AddSingleton<PauseActions>();
        services.AddSingleton<SchedulerMetrics>();
        services.AddSingleton<MetricsFeed>();
        services.AddSingleton<Engine.Notifications.IRunEventSink, MissedSlotsMetric>();
        services.AddHostedService<MetricsBaseline>();
        return problems;
    }

    public static void MapSchedulerWeb(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHostFiltering();
        app.Use(SecurityHeaders.Apply);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(WebSetup).Assembly, "Scheduler.Web.wwwroot"),
            RequestPath = "/static",
        });
        AuthSetup.Use(app, app.Services.GetRequiredService<AuthSettings>());

        // The server info is created now so that its start time is the host's.
        _ = app.Services.GetRequiredService<ServerInfo>();
        PageEndpoints.Map(app);
        ActionEndpoints.Map(app);
        PauseActionEndpoints.Map(app);
        PictureEndpoints.Map(app);
        GraphEndpoints.Map(app);
        Live.LiveEndpoints.Map(app);
        var api = app.MapGroup("/api").WithTags("api");
        TaskApi.Map(api);
        RunApi.Map(api);
        StatusApi.Map(api);
        PauseApi.Map(api);
        app.MapOpenApi();

        var metrics = app.Services.GetRequiredService<SchedulerMetrics>();
        var feed = app.Services.GetRequiredService<MetricsFeed>();
        metrics.Registry.AddBeforeCollectCallback(feed.CollectAsync);
        // Scrapers do not sign in; the metrics hold counts and task ids, never output (docs/security.md).
        app.MapMetrics("/metrics", metrics.Registry).AllowAnonymous();
    }
}
