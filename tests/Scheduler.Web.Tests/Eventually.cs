namespace Scheduler.Web.Tests;

/// <summary>Waits for something the server does in the background, with a deadline and a message that says what did not happen.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }

            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }

    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, string failure)
        where T : class
    {
        T? found = null;
        await HoldsAsync(async () => (found = await probe()) is not null, failure);
        return found!;
    }
}
