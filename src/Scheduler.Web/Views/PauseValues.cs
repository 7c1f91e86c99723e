using Scheduler.State.Entities;

namespace Scheduler.Web.Views;

/// <summary>
/// Whether rows built with one read of the pauses still show what another read says: the <see cref="PauseBoard"/>
/// reads the table again every second, into a new list, so the lists compare the values, not the list.
/// </summary>
internal static class PauseValues
{
    /// <summary>
    /// True when <paramref name="built"/> and <paramref name="now"/> hold the same pauses and none of them ended by its
    /// <c>until</c> between <paramref name="builtAt"/> and <paramref name="at"/> (a row shows a pause in force at its build).
    /// </summary>
    public static bool Same(IReadOnlyList<PauseRecord> built, IReadOnlyList<PauseRecord> now, DateTimeOffset builtAt, DateTimeOffset at)
    {
        if (!ReferenceEquals(built, now))
        {
            if (built.Count != now.Count)
            {
                return false;
            }

            for (var i = 0; i < built.Count; i++)
            {
                if (!Equal(built[i], now[i]))
                {
                    return false;
                }
            }
        }

        foreach (var pause in built)
        {
            if (pause.UntilUtc is { } until && until > builtAt && until <= at)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Equal(PauseRecord a, PauseRecord b) =>
        a.Target == b.Target && a.By == b.By && a.Reason == b.Reason && a.SinceUtc == b.SinceUtc && a.UntilUtc == b.UntilUtc
        && a.DefinitionHash == b.DefinitionHash && a.RunId == b.RunId;
}
