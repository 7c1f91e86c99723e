using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Scheduler.Serving;

/// <summary>
/// Leaves ASP.NET Core's data-protection key ring to the first request that needs it (a sign-in cookie, an
/// antiforgery token) instead of loading it at start-up. Data protection registers a hosted service whose only job is
/// to load the key ring early; for a scheduler that nobody looks at for hours that warm-up keeps System.Private.Xml and
/// the key ring's code resident in every idle process (docs/performance.md, idle). The key ring itself, its location
/// and its keys are unchanged: it is loaded by the same code, on first use.
/// </summary>
internal static class DeferredKeyRing
{
    // Internal to Microsoft.AspNetCore.DataProtection, so matched by name; when a later version renames it nothing is
    // removed and the key ring is loaded at start-up again (ServeHostTests notices).
    internal const string HostedServiceName = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    public static void Apply(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i] is { IsKeyedService: false } descriptor && descriptor.ServiceType == typeof(IHostedService)
                && descriptor.ImplementationType?.FullName == HostedServiceName)
            {
                services.RemoveAt(i);
            }
        }
    }
}
