using System.Reflection;

namespace Scheduler.Engine;

/// <summary>The version recorded with each instance's heartbeat.</summary>
internal static class EngineVersion
{
    public static string Text { get; } =
        typeof(EngineVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
