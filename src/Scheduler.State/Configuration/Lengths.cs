namespace Scheduler.State.Configuration;

/// <summary>Column bounds. SQLite ignores them; PostgreSQL turns them into varchar(n), so they are the contract.</summary>
internal static class Lengths
{
    public const int TaskId = 400;
    public const int Path = 1000;
    public const int Hash = 128;
    public const int Name = 200;
    public const int Code = 64;
}
