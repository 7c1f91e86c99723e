using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Scheduler.Web.Rendering;

/// <summary>
/// A <see cref="TextWriter"/> that encodes what is written to UTF-8 straight into a <see cref="PipeWriter"/>'s
/// buffers (the response's, pooled by the server) without flushing: a page is never a string of its own, so a
/// 150-250 KB page makes no large-object-heap allocation per request (two did: the page's string and its bytes).
/// Synchronous, as the renderer writes, and safe because nothing here flushes: the caller flushes once at the end.
/// The renderer writes many short pieces (an SVG is thousands of them): they are gathered in a pooled buffer of
/// characters first, because each write into the pipe costs a buffer request and, on a chunked response, a chunk.
/// </summary>
internal sealed class Utf8PipeTextWriter(PipeWriter pipe) : TextWriter
{
    private const int Gathered = 8_192; // characters: 16 KB, well under the large-object heap's 85 KB
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private char[]? _buffer = ArrayPool<char>.Shared.Rent(Gathered);
    private int _count;

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The bytes written so far (for the response's Content-Length).</summary>
    public long BytesWritten { get; private set; }

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        var gathered = _buffer ?? throw new ObjectDisposedException(nameof(Utf8PipeTextWriter));
        if (buffer.Length > gathered.Length - _count)
        {
            WriteGathered();
            if (buffer.Length >= gathered.Length)
            {
                Encode(buffer, flush: false);
                return;
            }
        }

        buffer.CopyTo(gathered.AsSpan(_count));
        _count += buffer.Length;
    }

    /// <summary>Writes what is gathered and what the encoder holds back (half of a surrogate pair); call once after the last write.</summary>
    public void Complete()
    {
        WriteGathered();
        Encode([], flush: true);
    }

    protected override void Dispose(bool disposing)
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<char>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }

    private void WriteGathered()
    {
        if (_count > 0 && _buffer is { } buffer)
        {
            Encode(buffer.AsSpan(0, _count), flush: false);
            _count = 0;
        }
    }

    private void Encode(ReadOnlySpan<char> chars, bool flush)
    {
        _encoder.Convert(chars, pipe, flush, out var bytes, out _);
        BytesWritten += bytes;
    }
}
