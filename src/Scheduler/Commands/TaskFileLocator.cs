using Scheduler.Cli;
using Scheduler.Definitions.Loading;

namespace Scheduler.Commands;

/// <summary>Finds a task's file from what the user typed: a task id looked up in the schedules folder, or a file path.</summary>
internal static class TaskFileLocator
{
    public static SourceFile Find(string target, string schedules, CliContext context)
    {
        var schedulesRoot = context.Resolve(schedules);
        var asPath = context.Resolve(target);
        if (TaskIds.IsTaskFile(asPath) && File.Exists(asPath))
        {
            // A file inside the schedules folder keeps its real id; one elsewhere is named after its file.
            var relative = Path.GetRelativePath(schedulesRoot, asPath);
            var id = relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFileName(asPath) : relative;
            return Read(asPath, id, context);
        }

        foreach (var extension in TaskIds.Extensions)
        {
            var candidate = Path.Combine(schedulesRoot, target + extension);
            if (File.Exists(candidate))
            {
                return Read(candidate, target + extension, context);
            }
        }

        var known = Directory.Exists(schedulesRoot) ? TaskFolder.List(schedulesRoot).Select(TaskIds.FromPath).ToList() : [];
        var closest = known.OrderBy(id => Definitions.Parsing.Suggestions.Distance(target, id)).Take(3).ToList();
        throw new CommandFailedException(
            $"there is no task '{target}' in {Path.GetRelativePath(context.CurrentDirectory, schedulesRoot)}{(closest.Count > 0 ? $"; did you mean {string.Join(", ", closest)}?" : ".")}");
    }

    private static SourceFile Read(string path, string relative, CliContext context) =>
        new(relative.Replace('\\', '/'), Path.GetRelativePath(context.CurrentDirectory, path), File.ReadAllBytes(path));
}
