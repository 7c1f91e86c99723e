namespace Scheduler.State.Tests.Support;

internal static class TestTimeout
{
    /// <summary>A generous bound so a hang fails the test instead of stalling the run.</summary>
    public static CancellationToken Token => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
