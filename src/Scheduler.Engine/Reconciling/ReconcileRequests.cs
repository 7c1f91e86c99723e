using System.Threading.Channels;

namespace Scheduler.Engine.Reconciling;

/// <summary>
/// Asks for a reconcile by message: the <c>system/git-sync</c> run posts a request and awaits the report, and
/// <see cref="DefinitionSync"/> answers it. The handler never reaches back into the sync (nor the sync's reconciler
/// into the engine that runs the handler): the request travels one way, the report comes back as its result.
/// </summary>
public sealed class ReconcileRequests
{
    private readonly Channel<TaskCompletionSource<ReconcileReport?>> _requests =
        Channel.CreateUnbounded<TaskCompletionSource<ReconcileReport?>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes with the report of a reconcile done after the request (null when it failed; see the log).</summary>
    public async Task<ReconcileReport?> RequestAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<ReconcileReport?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Writer.TryWrite(done);
        return await done.Task.WaitAsync(cancellationToken);
    }

    internal ChannelReader<TaskCompletionSource<ReconcileReport?>> Reader => _requests.Reader;
}
