using System.Buffers;
using CliWrap;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>Streams a process's output into the run's <see cref="OutputTail"/> in chunks, never as lines, so a 200 MB line costs one buffer.</summary>
internal static class OutputPipe
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Reads until end-of-file, or until <paramref name="stopReading"/> fires: then it returns normally, so CliWrap still
    /// completes with the exit code even when a process outside the run's group keeps the pipe open.
    /// </summary>
    public static PipeTarget Into(OutputTail tail, CancellationToken stopReading) =>
        PipeTarget.Create((stream, ct) => CopyAsync(stream, tail, stopReading, ct));

    private static async Task CopyAsync(Stream source, OutputTail tail, CancellationToken stopReading, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopReading, ct);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), stop.Token).ConfigureAwait(false)) > 0)
            {
                tail.Append(buffer.AsSpan(0, read));
            }
        }
        catch (OperationCanceledException) when (stopReading.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Stopped on purpose: what was read is in the tail.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
