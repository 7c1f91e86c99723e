using System.CommandLine;
using Scheduler.Cli;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Planning;
using Scheduler.Engine.Reconciling;
using Scheduler.Planning;

namespace Scheduler.Commands;

/// <summary>
/// <c>scheduler plan --base REV [--head REV] [--repo DIR] [--schedules-path schedules] [--count 5] [--format text|markdown|json]</c>:
/// what merging a change would do to the tasks, field by field, with each added or changed task's next slots.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var baseRevision = new Option<string>("--base") { Description = "The revision to compare with, e.g. origin/main.", Required = true };
        var head = new Option<string?>("--head") { Description = "The revision with the change; default: the working tree of --repo, uncommitted edits included." };
        var repo = new Option<string>("--repo") { Description = "A folder in the git repository.", DefaultValueFactory = _ => "." };
        var schedulesPath = new Option<string>("--schedules-path") { Description = "The schedules folder, relative to the repository's root.", DefaultValueFactory = _ => "schedules" };
        var count = new Option<int>("--count") { Description = "How many next slots to show per added or changed task (1-100).", DefaultValueFactory = _ => 5 };
        var format = FormatOption.Create("text", "markdown", "json");
        var command = new Command("plan", "Show what a change does to the tasks: added, changed (field by field) and removed, with next slots and warnings. Exit 0 when head is valid, 1 when it is not, 2 when it cannot run.")
        {
            baseRevision, head, repo, schedulesPath, count, format,
        };
        command.SetAction(result => Run(context, new PlanRequest(
            result.GetRequiredValue(baseRevision), result.GetValue(head), result.GetRequiredValue(repo),
            result.GetRequiredValue(schedulesPath), result.GetValue(count), result.GetRequiredValue(format))));
        return command;
    }

    private static int Run(CliContext context, PlanRequest request)
    {
        if (request.Count is < 1 or > 100)
        {
            throw new CommandFailedException($"--count {request.Count} is out of range: use 1 to 100.");
        }

        var folder = SchedulesPath(request.SchedulesPath);
        using var repository = GitRepository.Open(context.Resolve(request.Repo), request.Repo);
        var (baseCommit, baseRevision) = repository.Resolve(request.Base, "--base");
        var baseFiles = GitTreeFiles.FromCommit(baseCommit, folder);
        IReadOnlyList<SourceFile>? headFiles;
        Revision? headRevision = null;
        if (request.Head is null)
        {
            var workingDirectory = repository.WorkingDirectory
                ?? throw new CommandFailedException("The repository is bare: it has no working tree to plan. Pass --head REV.");
            headFiles = ReadWorkingTree(workingDirectory, folder);
        }
        else
        {
            (var headCommit, headRevision) = repository.Resolve(request.Head, "--head");
            headFiles = GitTreeFiles.FromCommit(headCommit, folder);
        }

        if (baseFiles is null && headFiles is null)
        {
            throw new CommandFailedException(
                $"--schedules-path '{request.SchedulesPath}' is a folder at neither {Revision.Label(baseRevision)} nor {Revision.Label(headRevision)}. Give the schedules folder's path from the repository's root.");
        }

        var now = context.Time.GetUtcNow();
        // A chain to a task this change removes is not a typo: head stays valid, with the warning SCH103 (validate,
        // which sees only head, reports SCH060). The ids come from the file names; no file is read twice for them.
        var retired = RetiredUpstreams.RemovedByChange(Ids(baseFiles), Ids(headFiles));
        var after = DefinitionLoader.Load(headFiles ?? [], now, retired);
        var plan = Planner.Compare(DefinitionLoader.Load(baseFiles ?? [], now), after, now, request.Count);
        var report = new PlanReport(baseRevision, headRevision, plan, after, request.Count);
        switch (request.Format)
        {
            case "json":
                PlanJsonWriter.Write(context.Out, report);
                break;
            case "markdown":
                PlanMarkdownWriter.Write(context.Out, report);
                break;
            default:
                PlanTextWriter.Write(context.Out, report);
                break;
        }

        return report.IsValid ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    private static IEnumerable<string> Ids(IReadOnlyList<SourceFile>? files) => (files ?? []).Select(f => TaskIds.FromPath(f.RelativePath));

    /// <summary>The folder as a tree path: forward slashes, no leading <c>./</c> or trailing <c>/</c>; "" for the root.</summary>
    private static string SchedulesPath(string typed)
    {
        var path = typed.Replace('\\', '/').Trim('/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        path = path == "." ? "" : path;
        if (Path.IsPathRooted(typed) || path.Split('/').Any(segment => segment is ".." or "." || (segment.Length == 0 && path.Length > 0)))
        {
            throw new CommandFailedException($"--schedules-path '{typed}' must be a folder inside the repository, relative to its root, e.g. schedules.");
        }

        return path;
    }

    private static IReadOnlyList<SourceFile>? ReadWorkingTree(string workingDirectory, string folder)
    {
        try
        {
            var path = Path.Combine(workingDirectory, folder);
            return Directory.Exists(path) ? TaskFolder.Read(path, workingDirectory) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"The schedules folder '{folder}' of the working tree cannot be read: {e.Message}");
        }
    }

    private sealed record PlanRequest(string Base, string? Head, string Repo, string SchedulesPath, int Count, string Format);
}
