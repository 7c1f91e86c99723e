namespace Scheduler.Definitions.Model;

/// <summary>How a task chained after several others waits (<c>schedule.wait-for</c>).</summary>
public enum ChainWaitFor
{
    /// <summary>Every upstream run that ends with the outcome starts one run.</summary>
    Any,

    /// <summary>One run once each upstream task has ended with the outcome since the task's last run.</summary>
    All,
}
