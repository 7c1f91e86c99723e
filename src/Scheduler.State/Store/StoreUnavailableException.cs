namespace Scheduler.State.Store;

/// <summary>The store cannot be opened: a bad connection string or a database that does not answer. The message says what to fix.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
