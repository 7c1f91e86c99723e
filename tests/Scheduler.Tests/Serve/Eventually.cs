namespace Scheduler.Tests.Serve;

/// <summary>Bounded polling for a condition another process makes true: no fixed sleeps where a condition can be awaited.</summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describeFailure, TimeSpan? interval = null) =>
        ReturnsAsync(async () => await condition() ? "" : null, timeout, describeFailure, interval);

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> describeFailure, TimeSpan? interval = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, describeFailure, interval);

    /// <summary>Polls until <paramref name="probe"/> returns something, and returns it; fails with <paramref name="describeFailure"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> describeFailure, TimeSpan? interval = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(describeFailure());
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }
}
