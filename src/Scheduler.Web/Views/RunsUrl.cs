using System.Globalization;

namespace Scheduler.Web.Views;

/// <summary>The page of a run.</summary>
internal static class RunsUrl
{
    public static string Of(long runId) => "/runs/" + runId.ToString(CultureInfo.InvariantCulture);
}
