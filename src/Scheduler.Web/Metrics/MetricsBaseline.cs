using Microsoft.Extensions.Hosting;

namespace Scheduler.Web.Metrics;

/// <summary>Takes the metrics baseline when the host starts, so runs that end before the first scrape are still counted.</summary>
internal sealed class MetricsBaseline(MetricsFeed feed) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => feed.BaselineAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
