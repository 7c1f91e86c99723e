namespace Scheduler.Definitions.Model;

/// <summary>Copies a live SQLite database with the online backup API into timestamped files, keeping the newest <see cref="Keep"/>.</summary>
public sealed record SqliteBackupHandler(string Database, string To, int Keep) : HandlerDefinition("sqlite-backup")
{
    public const int DefaultKeep = 7;
}
