using System.Text;

namespace Scheduler.Engine.Handlers;

/// <summary>
/// Replaces every occurrence of a run's secret values in its output stream by <c>***</c>, also when a value arrives
/// split across chunks: the end of a chunk that could be the start of a value is held back until the next chunk
/// shows whether it is one. Not thread-safe (its <see cref="OutputTail"/> serialises appends); allocates nothing per
/// chunk except when held-back bytes must be joined with the next chunk (a reused buffer).
/// </summary>
internal sealed class SecretMasker
{
    /// <summary>Shorter values are left alone: masking "ab" would blank out half of every output.</summary>
    public const int MinimumLength = 4;

    private static ReadOnlySpan<byte> Stars => "***"u8;

    private readonly byte[][] _secrets; // longest first, so of two values found at one place the longer is masked
    private readonly int[] _next; // per value: where it next occurs in the data being scanned (-1 none, -2 not looked yet)
    private readonly byte[] _held;
    private int _heldLength;
    private byte[] _joined = [];

    private SecretMasker(byte[][] secrets)
    {
        _secrets = secrets;
        _next = new int[secrets.Length];
        _held = new byte[secrets[0].Length];
    }

    /// <summary>A masker for the values of at least <see cref="MinimumLength"/> characters, or null when there are none.</summary>
    public static SecretMasker? For(IEnumerable<string> values)
    {
        var secrets = values.Where(v => v.Length >= MinimumLength).Distinct(StringComparer.Ordinal)
            .Select(Encoding.UTF8.GetBytes).OrderByDescending(b => b.Length).ToArray();
        return secrets.Length == 0 ? null : new SecretMasker(secrets);
    }

    /// <summary>Passes <paramref name="chunk"/> on to <paramref name="emit"/> with the values masked, holding back a possible start of one.</summary>
    public void Process(ReadOnlySpan<byte> chunk, OutputObserver emit)
    {
        if (_heldLength == 0)
        {
            Scan(chunk, emit);
            return;
        }

        var length = _heldLength + chunk.Length;
        if (_joined.Length < length)
        {
            _joined = new byte[Math.Max(length, _joined.Length * 2)];
        }

        _held.AsSpan(0, _heldLength).CopyTo(_joined);
        chunk.CopyTo(_joined.AsSpan(_heldLength));
        _heldLength = 0;
        Scan(_joined.AsSpan(0, length), emit);
    }

    /// <summary>
    /// The held-back bytes as they would end the output: masked when they are 4 or more characters of a value (the start
    /// of a secret is a secret too), else as they are. <paramref name="clear"/> empties the hold (the output has ended).
    /// </summary>
    public void Flush(OutputObserver emit, bool clear)
    {
        if (_heldLength > 0)
        {
            emit(_heldLength >= MinimumLength ? Stars : _held.AsSpan(0, _heldLength));
        }

        if (clear)
        {
            _heldLength = 0;
        }
    }

    /// <summary>The held-back bytes as <see cref="Flush"/> would emit them, as text.</summary>
    public string HeldText() => _heldLength >= MinimumLength ? "***" : Encoding.UTF8.GetString(_held, 0, _heldLength);

    /// <summary>Masks the values in a whole text (an error message); no streaming needed.</summary>
    public string Mask(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(Encoding.UTF8.GetString(secret), "***", StringComparison.Ordinal);
        }

        return text;
    }

    private void Scan(ReadOnlySpan<byte> data, OutputObserver emit)
    {
        Array.Fill(_next, -2);
        var position = 0;
        while (NextMatch(data, position) is var (at, length) && at >= 0)
        {
            // A value that starts at or before this match and runs past the end of the data may be the one to mask.
            var hold = HoldStart(data, position);
            if (hold >= 0 && hold <= at)
            {
                break;
            }

            if (at > position)
            {
                emit(data[position..at]);
            }

            emit(Stars);
            position = at + length;
        }

        var end = HoldStart(data, position) is var start and >= 0 ? start : data.Length;
        if (end > position)
        {
            emit(data[position..end]);
        }

        data[end..].CopyTo(_held);
        _heldLength = data.Length - end;
    }

    /// <summary>The first whole value at or after <paramref name="from"/> (the longest where several start at one place).</summary>
    private (int At, int Length) NextMatch(ReadOnlySpan<byte> data, int from)
    {
        var best = -1;
        var bestLength = 0;
        for (var i = 0; i < _secrets.Length; i++)
        {
            if (_next[i] == -2 || (_next[i] >= 0 && _next[i] < from))
            {
                var found = data[from..].IndexOf(_secrets[i]);
                _next[i] = found < 0 ? -1 : from + found;
            }

            if (_next[i] >= 0 && (best < 0 || _next[i] < best))
            {
                best = _next[i];
                bestLength = _secrets[i].Length;
            }
        }

        return (best, bestLength);
    }

    /// <summary>The earliest place at or after <paramref name="from"/> where the rest of the data is the start (not all) of a value, or -1.</summary>
    private int HoldStart(ReadOnlySpan<byte> data, int from)
    {
        for (var p = Math.Max(from, data.Length - _held.Length + 1); p < data.Length; p++)
        {
            var rest = data[p..];
            foreach (var secret in _secrets)
            {
                if (secret.Length > rest.Length && secret.AsSpan(0, rest.Length).SequenceEqual(rest))
                {
                    return p;
                }
            }
        }

        return -1;
    }
}
