namespace Scheduler.Engine.Running;

internal static class QueueExtensions
{
    /// <summary>Removes the first item matching <paramref name="match"/>, keeping the others in order.</summary>
    public static bool TryDequeueWhere<T>(this Queue<T> queue, Func<T, bool> match)
    {
        var found = false;
        for (var i = queue.Count; i > 0; i--)
        {
            var item = queue.Dequeue();
            if (!found && match(item))
            {
                found = true;
                continue;
            }

            queue.Enqueue(item);
        }

        return found;
    }
}
