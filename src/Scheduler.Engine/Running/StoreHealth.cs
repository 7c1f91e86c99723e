namespace Scheduler.Engine.Running;

/// <summary>
/// Whether the state store takes the engine's writes, as the recorder last saw it: what <c>/readyz</c> and
/// <c>/api/status</c> report while a full disk or a lost database refuses them. Thread-safe; one per process.
/// </summary>
public sealed class StoreHealth
{
    private volatile StoreWriteState _state = StoreWriteState.Accepting;

    public StoreWriteState State => _state;

    internal void Refused(Exception error, DateTimeOffset at)
    {
        var since = _state.RefusingSince ?? at;
        _state = new StoreWriteState(since, error.GetBaseException().Message);
    }

    internal void Accepted()
    {
        if (_state.RefusingSince is not null)
        {
            _state = StoreWriteState.Accepting;
        }
    }
}

/// <summary>Null <see cref="RefusingSince"/> while writes go through; otherwise since when they fail, and the store's last error.</summary>
public sealed record StoreWriteState(DateTimeOffset? RefusingSince, string? Error)
{
    public static readonly StoreWriteState Accepting = new(null, null);

    public bool IsRefusing => RefusingSince is not null;
}
