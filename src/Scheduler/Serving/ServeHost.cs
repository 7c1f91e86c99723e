using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Engine;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Reconciling;
using Scheduler.Engine.Running;
using Scheduler.Engine.SystemTasks;
using Scheduler.State.Store;
using Scheduler.Web;

namespace Scheduler.Serving;

/// <summary>The composition root of <c>scheduler serve</c>: the store, the engine, the definition sync and Kestrel.</summary>
internal static class ServeHost
{
    public static async Task<WebApplication> BuildAsync(ServeOptions options, string currentDirectory, IConfiguration? overrides, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddConfiguration(overrides);
        }

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole();
        builder.WebHost.UseUrls(options.Urls);

        var time = options.ClockStart is { } start ? new VirtualClock(start, options.ClockRate) : TimeProvider.System;
        var engineOptions = builder.Configuration.GetSection("Scheduler:Engine").Get<EngineOptions>() ?? new EngineOptions();
        if (options.Instance is { } instance)
        {
            engineOptions.Instance = instance;
        }

        var shutdownTimeout = engineOptions.ShutdownGrace + TimeSpan.FromSeconds(15);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(engineOptions);

        var store = await SchedulerStore.OpenSqliteAsync(Path.GetFullPath(options.Data, currentDirectory), null, cancellationToken);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(store.Runs);
        var systemOptions = SystemTaskSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(_ => HandlerRegistry.CreateDefault(new SystemRunHandler(store.Runs, systemOptions)));
        builder.Services.AddSingleton<SchedulerEngine>();
        builder.Services.AddSingleton(sp => new Reconciler(
            store.Runs, sp.GetRequiredService<SchedulerEngine>(), time, sp.GetRequiredService<ILogger<Reconciler>>())
        {
            SystemTasks = SystemTaskCatalog.Create(systemOptions),
        });
        builder.Services.AddSingleton<IDefinitionSource>(_ => new FolderSource(Path.GetFullPath(options.Schedules, currentDirectory), currentDirectory, time));
        var reconcile = builder.Configuration.GetSection("Scheduler:Reconcile");
        builder.Services.AddSingleton(sp => new DefinitionSync(
            sp.GetRequiredService<IDefinitionSource>(), sp.GetRequiredService<Reconciler>(), time, sp.GetRequiredService<ILogger<DefinitionSync>>())
        {
            RescanInterval = reconcile.GetValue("RescanInterval", TimeSpan.FromSeconds(30)),
            Debounce = reconcile.GetValue("Debounce", TimeSpan.FromMilliseconds(300)),
        });
        builder.Services.AddHostedService<SchedulerService>();
        WebSetup.AddSchedulerWeb(builder.Services, builder.Configuration);

        var app = builder.Build();
        HealthEndpoints.Map(app);
        WebSetup.MapSchedulerWeb(app);
        return app;
    }
}
