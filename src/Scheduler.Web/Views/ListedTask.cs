using Scheduler.Definitions.Model;
using Scheduler.State.Entities;

namespace Scheduler.Web.Views;

/// <summary>One task of the lists (overview, <c>/timeline</c>, <c>/calendar.ics</c>): its record without text, its row, its parsed definition.</summary>
internal sealed record ListedTask(TaskRecord Task, TaskRow Row, TaskDefinition? Definition);
