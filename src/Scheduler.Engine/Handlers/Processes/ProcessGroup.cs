using System.Globalization;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// The process group a run's process leads: started through <see cref="ExecStub"/> (setpgid) or <c>setsid</c>, both
/// of which exec in place, its group id is its pid,
/// and every child it forks stays in the group unless it leaves on purpose. Stopping the run means stopping the group.
/// </summary>
internal sealed class ProcessGroup(int id, Task leaderExited)
{
    // How often to look whether the group is empty while waiting out kill-grace. The kernel has no
    // "group became empty" event; a short real-time poll only runs while a run is being stopped.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    // After SIGKILL the members die at once; this only bounds the wait if one is stuck in the kernel (D state).
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(5);

    public int Id => id;

    /// <summary>
    /// Ends every process of the group: SIGTERM (and SIGCONT, so a stopped member can act on it), then up to
    /// <paramref name="grace"/> for them to exit, then SIGKILL. Returns when none is left, having reaped the orphans
    /// this process inherited. Deliberately not cancellable: a half-done kill would leave children behind.
    /// </summary>
    public async Task TerminateAsync(TimeSpan grace, TimeProvider time)
    {
        if (HasLiveMembers())
        {
            SignalAll(PosixNative.SIGTERM);
            SignalAll(PosixNative.SIGCONT);
            using (var graceOver = new CancellationTokenSource(RunDeadline.Clamp(grace), time))
            {
                await WaitUntilEmptyAsync(graceOver.Token).ConfigureAwait(false);
            }

            if (HasLiveMembers())
            {
                SignalAll(PosixNative.SIGKILL);
                using var stuck = new CancellationTokenSource(AfterKill);
                await WaitUntilEmptyAsync(stuck.Token).ConfigureAwait(false);
            }
        }

        await ReapOrphansAsync().ConfigureAwait(false);
    }

    /// <summary>True while the leader runs or any member of the group is alive (zombies do not count: they are dead).</summary>
    public bool HasLiveMembers()
    {
        if (!leaderExited.IsCompleted)
        {
            return true;
        }

        // Fast path: no process at all, not even a zombie, carries this group id.
        return PosixNative.Signal(-id, 0) != PosixNative.ESRCH && ProcTable.AnyLiveMember(id);
    }

    private void SignalAll(int signal)
    {
        // Until setpgid() or setsid() has run in the child the group does not exist yet; the leader is then signalled alone
        // (it is still the stub, setsid or the forked .NET child, and dies of it before it can start anything).
        if (PosixNative.Signal(-id, signal) == PosixNative.ESRCH && !leaderExited.IsCompleted)
        {
            PosixNative.Signal(id, signal);
        }
    }

    private async Task WaitUntilEmptyAsync(CancellationToken until)
    {
        try
        {
            while (HasLiveMembers())
            {
                await Task.Delay(Poll, until).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (until.IsCancellationRequested)
        {
            // The wait is over; the caller looks again and escalates.
        }
    }

    /// <summary>
    /// Reaps the group's dead members that were re-parented to this process (see <see cref="Subreaper"/>), so no
    /// zombie outlives the run. Only after .NET has reaped the leader: waitpid on the group could otherwise take the
    /// leader's exit status away from <see cref="System.Diagnostics.Process"/>.
    /// </summary>
    private async Task ReapOrphansAsync()
    {
        using var stuck = new CancellationTokenSource(AfterKill);
        try
        {
            await leaderExited.WaitAsync(stuck.Token).ConfigureAwait(false);

            // 0 means a child of ours in the group is still between its last thread and its exit status (a
            // multi-threaded process shows 'Z' in /proc before its other threads are gone): wait a moment for it.
            int reaped;
            while ((reaped = PosixNative.ReapOneInGroup(id)) >= 0)
            {
                if (reaped == 0)
                {
                    await Task.Delay(Poll, stuck.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stuck.IsCancellationRequested)
        {
            // Give up on reaping rather than hang the run; a leftover zombie holds no resources but its pid.
        }
    }

    public override string ToString() => id.ToString(CultureInfo.InvariantCulture);
}
