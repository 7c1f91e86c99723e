using OpenTelemetry.Resources;

namespace Scheduler.Serving;

/// <summary>Names the process in traces as it is named in the store (<c>--instance</c>, default the host name), so a span leads to the replica's runs.</summary>
internal sealed class InstanceResourceDetector(string instance) : IResourceDetector
{
    public Resource Detect() => new([new KeyValuePair<string, object>("service.instance.id", instance)]);
}
