using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scheduler.Engine.Running;

namespace Scheduler.Serving;

/// <summary>
/// OpenTelemetry traces over OTLP, on only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter
/// reads the other <c>OTEL_*</c> variables itself: protocol, headers, timeout). Off, nothing is instrumented.
/// </summary>
internal static class Tracing
{
    /// <summary>The scheduler's own spans (the engine's runs and ticks) come from this source.</summary>
    public const string SourceName = Engine.Running.RunTracing.SourceName;

    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddTracing(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointSetting]))
        {
            return;
        }

        var version = typeof(Tracing).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService("scheduler", serviceVersion: version, autoGenerateServiceInstanceId: false)
                .AddDetector(services => new InstanceResourceDetector(services.GetRequiredService<EngineOptions>().Instance)))
            .WithTracing(tracing => Instrument(tracing).AddOtlpExporter());
    }

    /// <summary>What is traced: the scheduler's source, PostgreSQL commands, requests served and HTTP calls made.</summary>
    public static TracerProviderBuilder Instrument(TracerProviderBuilder tracing) => tracing
        .AddSource(SourceName)
        .AddSource("Npgsql")
        // Probes and scrapes come every few seconds from Kubernetes and Prometheus: a span each would drown the rest.
        .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
        .AddHttpClientInstrumentation();

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");
}
