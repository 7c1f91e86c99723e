namespace Scheduler.Remote;

/// <summary>
/// The server answered a request with an error status (a 409 with its reason, a 400, 401, 403 or 404 with its
/// body); <see cref="Exception.Message"/> is what it said, printed as it came.
/// </summary>
internal sealed class ServerRefusedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
