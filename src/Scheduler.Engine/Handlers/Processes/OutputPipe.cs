using System.Buffers;
using CliWrap;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>Streams a process's output into the run's <see cref="OutputTail"/> in chunks, never as lines, so a 200 MB line costs one buffer.</summary>
internal static class OutputPipe
{
    private const int ChunkSize = 64 * 1024;

    public static PipeTarget Into(OutputTail tail) => PipeTarget.Create((stream, ct) => CopyAsync(stream, tail, ct));

    private static async Task CopyAsync(Stream source, OutputTail tail, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), ct).ConfigureAwait(false)) > 0)
            {
                tail.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
