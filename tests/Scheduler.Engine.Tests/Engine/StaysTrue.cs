using System.Diagnostics;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>"This did not happen" checks, for what cannot be waited for.</summary>
internal static class StaysTrue
{
    /// <summary>Asserts that <paramref name="condition"/> stays true for a short real-time while.</summary>
    public static async Task StaysTrueAsync(Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(250))
        {
            Assert.True(await condition(), what);
            await Task.Delay(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        }
    }
}
