using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Engine;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Notifications;
using Scheduler.Engine.Reconciling;
using Scheduler.Engine.Registry;
using Scheduler.Engine.Running;
using Scheduler.Engine.SystemTasks;
using Scheduler.State.Store;
using Scheduler.Cli;
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
        builder.AddDeploymentHosting();
        builder.WebHost.UseUrls(options.Urls);

        var time = options.ClockStart is { } start ? new VirtualClock(start, options.ClockRate) : TimeProvider.System;
        var engineOptions = builder.Configuration.GetSection("Scheduler:Engine").Get<EngineOptions>() ?? new EngineOptions();
        if (options.Instance is { } instance)
        {
            engineOptions.Instance = instance;
        }

        engineOptions.PassEnvironment = RunsSettings.PassEnvironment(builder.Configuration);
        engineOptions.SuspendAfterFailures = RunsSettings.SuspendAfterFailures(builder.Configuration);
        RunsSettings.ApplyExecStub(builder.Configuration);
        var notify = NotifySetup.Read(builder.Configuration);
        // The host's stop must outlast the drain and the stop of what is left after it, or it would abandon the runs unrecorded.
        var shutdownTimeout = engineOptions.DrainTimeout + engineOptions.ShutdownGrace + TimeSpan.FromSeconds(15);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(engineOptions);

        var dataDirectory = Path.GetFullPath(options.Data, currentDirectory);
        var store = await OpenStoreAsync(options, dataDirectory, cancellationToken);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(store.Runs);
        var git = options.Git is { } gitFlags ? GitSettings.Read(gitFlags, builder.Configuration) : null;
        var systemOptions = SystemTaskSettings.Read(builder.Configuration);
        systemOptions.GitSyncInterval = git?.Interval;
        systemOptions.GitSyncTimeout = (git?.FetchTimeout ?? TimeSpan.Zero) + TimeSpan.FromMinutes(1);
        var reconcileRequests = new ReconcileRequests(); // git sync asks the definition sync by message
        builder.Services.AddSingleton(sp => HandlerRegistry.CreateDefault(new SystemRunHandler(store.Runs, systemOptions, reconcileRequests)));
        NotifySetup.Add(builder.Services, notify, store.Runs, time, engineOptions.Instance);
        // Every event sink (the notifier, the missed-slots metric) hears the engine through one.
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SchedulerEngine>(sp, new RunEventSinks(sp.GetServices<IRunEventSink>())));
        // One registry of parsed definitions: the reconciler fills it, the engine, the last-good fallback and the page read it.
        builder.Services.AddSingleton<DefinitionRegistry>();
        builder.Services.AddSingleton(sp => new Reconciler(
            store.Runs, sp.GetRequiredService<SchedulerEngine>(), time, sp.GetRequiredService<ILogger<Reconciler>>())
        {
            SystemTasks = SystemTaskCatalog.Create(systemOptions),
            Definitions = sp.GetRequiredService<DefinitionRegistry>(),
        });
        builder.Services.AddSingleton<IDefinitionSource>(_ => git is null
            ? new FolderSource(Path.GetFullPath(options.Schedules, currentDirectory), currentDirectory, time)
            : new GitSource(git, dataDirectory, time));
        var reconcile = builder.Configuration.GetSection("Scheduler:Reconcile");
        builder.Services.AddSingleton(sp => new DefinitionSync(
            sp.GetRequiredService<IDefinitionSource>(), sp.GetRequiredService<Reconciler>(), time, sp.GetRequiredService<ILogger<DefinitionSync>>(), reconcileRequests)
        {
            RescanInterval = reconcile.GetValue("RescanInterval", TimeSpan.FromSeconds(30)),
            Debounce = reconcile.GetValue("Debounce", TimeSpan.FromMilliseconds(300)),
            Watch = git is null,
        });
        builder.Services.AddHostedService<SchedulerService>();
        if (WebSetup.AddSchedulerWeb(builder.Services, builder.Configuration) is { Count: > 0 } problems)
        {
            throw new CommandFailedException("The sign-in settings are not usable, so serve did not start:\n  " + string.Join("\n  ", problems));
        }

        DeferredKeyRing.Apply(builder.Services);

        var app = builder.Build();
        HealthEndpoints.Map(app);
        GitWebhook.Map(app, git is null ? null : builder.Configuration["Scheduler:Git:WebhookSecret"]);
        WebSetup.MapSchedulerWeb(app);
        return app;
    }

    private static async Task<SchedulerStore> OpenStoreAsync(ServeOptions options, string dataDirectory, CancellationToken cancellationToken)
    {
        var storeOptions = new StoreOptions { Kind = options.Store, DataDirectory = dataDirectory, Connection = options.Connection };
        try
        {
            return await SchedulerStore.OpenAsync(storeOptions, null, cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            // Exit 2 with the store's own message: it names the setting and the fix.
            throw new CommandFailedException(e.Message);
        }
    }
}
