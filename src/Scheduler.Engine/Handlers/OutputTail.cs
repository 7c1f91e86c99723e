using System.Text;

namespace Scheduler.Engine.Handlers;

/// <summary>
/// The last <see cref="Capacity"/> bytes a run printed (stdout and stderr together), plus the total count.
/// A ring buffer: a 200 MB line costs no more memory than a short one. It grows to its capacity as output
/// arrives, so a run that prints nothing (most in-process runs) or a line costs no 64 KB array: a burst of thousands
/// of runs a second otherwise allocated tens of MB a second. Safe to append from several threads.
/// </summary>
public sealed class OutputTail(int capacity = OutputTail.DefaultCapacity, OutputObserver? observer = null)
{
    public const int DefaultCapacity = 64 * 1024;

    private const int FirstSize = 256;

    private readonly int _capacity = capacity >= 1
        ? capacity
        : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Keep at least one byte of output (Scheduler:Engine:OutputTailBytes).");
    private readonly Lock _lock = new();
    private byte[] _buffer = [];
    private long _total;

    public int Capacity => _capacity;

    /// <summary>Every byte ever appended, including those that fell out of the tail.</summary>
    public long TotalBytes
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        observer?.Invoke(bytes); // outside the lock: `scheduler run` streams to a console that may block
        if (bytes.IsEmpty)
        {
            return;
        }

        lock (_lock)
        {
            Grow(bytes.Length);
            if (bytes.Length >= _buffer.Length)
            {
                // Keep the last Capacity bytes, laid out so the oldest sits where the next write goes.
                var tail = bytes[^_buffer.Length..];
                _total += bytes.Length;
                var oldest = (int)(_total % _buffer.Length);
                tail[..(_buffer.Length - oldest)].CopyTo(_buffer.AsSpan(oldest));
                tail[(_buffer.Length - oldest)..].CopyTo(_buffer);
                return;
            }

            var start = (int)(_total % _buffer.Length);
            var first = Math.Min(bytes.Length, _buffer.Length - start);
            bytes[..first].CopyTo(_buffer.AsSpan(start));
            bytes[first..].CopyTo(_buffer);
            _total += bytes.Length;
        }
    }

    /// <summary>
    /// Until the tail is full its bytes lie at [0, total), where the ring would put them too, so growing is a copy;
    /// once the ring wraps, the buffer is at its capacity and never grows again.
    /// </summary>
    private void Grow(int more)
    {
        if (_buffer.Length == _capacity)
        {
            return;
        }

        var needed = (int)Math.Min(_capacity, _total + more);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max(FirstSize, _buffer.Length);
        while (size < needed)
        {
            size *= 2;
        }

        var grown = new byte[Math.Min(size, _capacity)];
        _buffer.AsSpan(0, (int)_total).CopyTo(grown);
        _buffer = grown;
    }

    public void Append(string text) => Append(Encoding.UTF8.GetBytes(text));

    /// <summary>The tail as text; a multi-byte character cut at the start of the tail shows as U+FFFD.</summary>
    public string ToText()
    {
        lock (_lock)
        {
            if (_total <= _buffer.Length)
            {
                return Encoding.UTF8.GetString(_buffer, 0, (int)_total);
            }

            var start = (int)(_total % _buffer.Length);
            var ordered = new byte[_buffer.Length];
            _buffer.AsSpan(start).CopyTo(ordered);
            _buffer.AsSpan(0, start).CopyTo(ordered.AsSpan(_buffer.Length - start));
            return Encoding.UTF8.GetString(ordered);
        }
    }
}
