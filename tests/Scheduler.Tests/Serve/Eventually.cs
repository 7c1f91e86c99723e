namespace Scheduler.Tests.Serve;

/// <summary>Bounded polling for a condition another process makes true: no fixed sleeps where a condition can be awaited.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describeFailure) =>
        await ReturnsAsync(async () => await condition() ? true : (bool?)null, timeout, describeFailure, Interval);

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> describeFailure) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, describeFailure);

    /// <summary>Polls until <paramref name="probe"/> returns a value, and returns it.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> describeFailure, TimeSpan? interval = null)
        where T : struct
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

            await Task.Delay(interval ?? Interval);
        }
    }

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

            await Task.Delay(interval ?? Interval);
        }
    }
}
