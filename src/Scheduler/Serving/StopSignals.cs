using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Scheduler.Engine.Running;

namespace Scheduler.Serving;

/// <summary>
/// Counts SIGTERM and SIGINT (Ctrl-C) beside the host's own handlers, which begin the stop on the first: a second
/// one skips the rest of the drain, for an operator who does not want to wait for the runs in progress.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly DrainState _drain;
    private readonly ILogger _logger;
    private readonly PosixSignalRegistration[] _registrations;
    private int _count;

    public StopSignals(DrainState drain, ILogger logger)
    {
        _drain = drain;
        _logger = logger;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal)];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the host stops the process itself, after the drain and the stop of the runs
        if (Interlocked.Increment(ref _count) == 2)
        {
            ServeLog.DrainSkipRequested(_logger, context.Signal.ToString());
            _drain.SkipWait();
        }
    }
}
