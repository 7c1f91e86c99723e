using System.Text;

namespace Scheduler.Engine.Handlers;

/// <summary>
/// The last <see cref="Capacity"/> bytes a run printed (stdout and stderr together), plus the total count.
/// A ring buffer: a 200 MB line costs no more memory than a short one. It grows to its capacity as output
/// arrives, so a run that prints nothing (most in-process runs) or a line costs no 64 KB array: a burst of thousands
/// of runs a second otherwise allocated tens of MB a second. Safe to append from several threads.
/// With <see cref="MaskSecrets"/>, the run's secret values never reach the tail or the observer: they arrive as <c>***</c>.
/// </summary>
public sealed class OutputTail(int capacity = OutputTail.DefaultCapacity, OutputObserver? observer = null)
{
    public const int DefaultCapacity = 64 * 1024;

    private const int FirstSize = 256;

    private readonly int _capacity = capacity >= 1
        ? capacity
        : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Keep at least one byte of output (Scheduler:Engine:OutputTailBytes).");
    private readonly Lock _lock = new();
    private readonly Lock _appendLock = new(); // only with secrets: orders the masker's work and what it emits
    private byte[] _buffer = [];
    private long _total;
    private SecretMasker? _masker;
    private OutputObserver? _emit;

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

    /// <summary>
    /// From now on every value of <paramref name="secrets"/> of 4 or more characters is written as <c>***</c>, also when
    /// it arrives split across appends. Call before the run writes anything.
    /// </summary>
    public void MaskSecrets(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        lock (_appendLock)
        {
            _masker = SecretMasker.For(secrets);
            _emit = _masker is null ? null : Emit;
        }
    }

    /// <summary>Masks the run's secret values in a text that did not pass through the tail (an error message).</summary>
    public string? Mask(string? text) => text is null || _masker is null ? text : _masker.Mask(text);

    /// <summary>
    /// The output has ended: bytes held back because they could have been the start of a secret go to the observer and
    /// the tail (masked when they are 4 or more characters of one). Only needed where an observer streams the output.
    /// </summary>
    public void Complete()
    {
        lock (_appendLock)
        {
            if (_emit is { } emit)
            {
                _masker!.Flush(emit, clear: true);
            }
        }
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_masker is null)
        {
            Emit(bytes);
            return;
        }

        lock (_appendLock)
        {
            _masker.Process(bytes, _emit!);
        }
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        observer?.Invoke(bytes); // outside the ring's lock: `scheduler run` streams to a console that may block
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

    /// <summary>
    /// The tail as text; a multi-byte character cut at the start of the tail shows as U+FFFD. With secrets, bytes held
    /// back as the possible start of one end the text as they would end the output (see <see cref="Complete"/>).
    /// </summary>
    public string ToText()
    {
        if (_masker is not { } masker)
        {
            return RingText();
        }

        lock (_appendLock)
        {
            return RingText() + masker.HeldText();
        }
    }

    private string RingText()
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
