using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// The one way to claim and the one way to end runs: a batch (of one or many), each as one transaction of
/// prepared statements. A commit (an fsync with SQLite's default synchronous=FULL) per run capped the
/// engine at a few hundred runs per second; one per batch lets it keep up with thousands per second.
/// The unique (task, slot, attempt) insert is the claim (the loser gets null and does nothing), and the
/// conditional updates never go backwards: not the catch-up mark, not the task's last-run summary.
/// </summary>
/// <remarks>Plain SQL (quoted identifiers, <c>ON CONFLICT DO NOTHING RETURNING</c>) that SQLite and PostgreSQL both read.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose; the store lives as long as the process.")]
public sealed partial class RunStore
{
    // The claim batches (the engine loop) and the end batches (the finish writer) take turns here, in-process and
    // asynchronously: left to SQLite, the loser of the file lock sleeps in its busy handler, in steps of up to 100 ms.
    private readonly SemaphoreSlim _batchTurn = new(1, 1);

    /// <summary>
    /// Claims every run of <paramref name="claims"/> and writes the tasks' <paramref name="advances"/>, in one
    /// transaction. Returns, in order, each claim's run id, or null where the slot was already claimed.
    /// </summary>
    public async Task<long?[]> ClaimBatchAsync(
        IReadOnlyList<SlotClaim> claims, IReadOnlyList<TaskAdvance> advances, string instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(advances);
        foreach (var claim in claims)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(claim.Attempt, 1, nameof(claims));
        }

        var ids = new long?[claims.Count];
        await _batchTurn.WaitAsync(cancellationToken);
        try
        {
            await ClaimBatchCoreAsync(claims, advances, instance, ids, cancellationToken);
        }
        finally
        {
            _batchTurn.Release();
        }

        return ids;
    }

    /// <summary>
    /// Ends every run of <paramref name="finishes"/> in one transaction and updates each task's summary and failure
    /// streak (<see cref="FailureStreak"/>). Returns, in order, whether each run ended here (false: it was no longer
    /// running, e.g. marked interrupted or cancelled by someone else, and that verdict stands).
    /// </summary>
    /// <remarks>The chained runs the ends start (<see cref="RunFinish.Follows"/>) are queued in the same transaction and added to <paramref name="chained"/>.</remarks>
    public async Task<bool[]> FinishBatchAsync(IReadOnlyList<RunFinish> finishes, CancellationToken cancellationToken, List<ChainedRun>? chained = null)
    {
        ArgumentNullException.ThrowIfNull(finishes);
        var done = new bool[finishes.Count];
        await _batchTurn.WaitAsync(cancellationToken);
        try
        {
            await FinishBatchCoreAsync(finishes, done, chained ?? [], cancellationToken);
        }
        finally
        {
            _batchTurn.Release();
        }

        return done;
    }

    /// <summary>
    /// Writes <paramref name="rows"/> rows by statements of <paramref name="rowsPerStatement"/> rows each: the full-size
    /// command is prepared once and reused, the last, shorter statement gets a command of its own.
    /// </summary>
    private static async Task InChunksAsync(int rows, int rowsPerStatement, Func<int, DbCommand> command, Func<DbCommand, int, int, Task> write)
    {
        DbCommand? full = null;
        try
        {
            for (var from = 0; from < rows; from += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows - from);
                if (count == rowsPerStatement)
                {
                    full ??= command(count);
                    await write(full, from, count);
                    continue;
                }

                await using var partial = command(count);
                await write(partial, from, count);
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // constant SQL; every value is a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    internal static void Set(DbCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;
}
