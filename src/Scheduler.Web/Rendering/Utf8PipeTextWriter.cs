using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Scheduler.Web.Rendering;

/// <summary>
/// A <see cref="TextWriter"/> that encodes what is written to UTF-8 straight into a <see cref="PipeWriter"/>'s
/// buffers (the response's, pooled by the server) without flushing: a page is never a string of its own, so a
/// 150-250 KB page makes no large-object-heap allocation per request (two did: the page's string and its bytes).
/// Synchronous, as the renderer writes, and safe because nothing here flushes: the caller flushes once at the end.
/// </summary>
internal sealed class Utf8PipeTextWriter(PipeWriter pipe) : TextWriter
{
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The bytes written so far (for the response's Content-Length).</summary>
    public long BytesWritten { get; private set; }

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Encode(buffer, flush: false);

    /// <summary>Writes what the encoder holds back (half of a surrogate pair); call once after the last write.</summary>
    public void Complete() => Encode([], flush: true);

    private void Encode(ReadOnlySpan<char> chars, bool flush)
    {
        _encoder.Convert(chars, pipe, flush, out var bytes, out _);
        BytesWritten += bytes;
    }
}
