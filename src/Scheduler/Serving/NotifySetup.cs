using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.Cli;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Notifications;
using Scheduler.Engine.Notifications;
using Scheduler.State.Store;

namespace Scheduler.Serving;

/// <summary>Reads <c>Scheduler:Notify</c> and adds the notifier: the engine's event sink and its delivery worker.</summary>
internal static class NotifySetup
{
    /// <summary>The settings and the defaults they give; bad defaults stop serve before anything is opened.</summary>
    public static (NotifySettings Settings, NotifyDefinition? Defaults) Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Scheduler:Notify").Get<NotifySettings>() ?? new NotifySettings();
        var defaults = NotifyDefaults.Read(settings, out var errors);
        return errors.Count > 0 ? throw new CommandFailedException(string.Join(Environment.NewLine, errors)) : (settings, defaults);
    }

    public static void Add(IServiceCollection services, (NotifySettings Settings, NotifyDefinition? Defaults) notify, RunStore store, TimeProvider time, string instance)
    {
        var (settings, defaults) = notify;

        // One client for the process: pooled connections, renewed so a webhook host's DNS change is picked up.
        // Each attempt has its own timeout (Scheduler:Notify:AttemptTimeout), so the client's own is off.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        services.AddSingleton(sp => new Notifier(store, http, time, settings, defaults, instance, sp.GetRequiredService<ILogger<Notifier>>()));
        services.AddSingleton<IRunEventSink>(sp => sp.GetRequiredService<Notifier>());
        services.AddHostedService(sp => sp.GetRequiredService<Notifier>());
    }
}
