using Scheduler.Tests.Cli;
using YamlDotNet.RepresentationModel;

namespace Scheduler.Tests.Plan;

/// <summary>The workflows and the action cannot run here, so these check what they rely on: paths, history depth, the commands' flags.</summary>
public sealed class GitHubFilesTests
{
    private static readonly string Root = RepositoryExamplesTests.FindRepositoryRoot();

    [Fact]
    public void The_ci_workflow_runs_the_ci_script_on_push_and_pull_request()
    {
        var workflow = Load(".github/workflows/ci.yml");

        Assert.Equal(["push", "pull_request"], Keys(workflow["on"]));
        Assert.Contains("bash .ci/run", Runs(workflow));
        Assert.True(File.Exists(Path.Combine(Root, ".ci/run")));
    }

    [Fact]
    public void The_schedules_workflow_has_the_history_plan_needs_and_runs_validate_and_plan()
    {
        var workflow = Load(".github/workflows/schedules.yml");
        var text = File.ReadAllText(Path.Combine(Root, ".github/workflows/schedules.yml"));

        Assert.Equal("schedules/**", ((YamlSequenceNode)workflow["on"]["pull_request"]["paths"]).Children.Single().ToString());
        Assert.Contains("fetch-depth: 0", text, StringComparison.Ordinal);
        Assert.Contains(Runs(workflow), r => r.Contains("-- validate --format github", StringComparison.Ordinal));
        Assert.Contains(Runs(workflow), r => r.Contains("-- plan --base \"origin/$BASE_REF\" --format markdown >> \"$GITHUB_STEP_SUMMARY\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_composite_action_builds_the_scheduler_from_its_own_copy_of_this_repository()
    {
        var action = Load(".github/actions/scheduler-check/action.yml");

        Assert.Equal("composite", action["runs"]["using"].ToString());
        Assert.Equal(["schedules-path", "base", "count", "dotnet-version", "version", "package-source"], Keys(action["inputs"]));
        var build = Runs(action).Single(r => r.StartsWith("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("$SCHEDULER_SOURCE/src/Scheduler/Scheduler.csproj", build, StringComparison.Ordinal);
        // github.action_path/../../.. is the repository root: the action sits three folders down.
        Assert.True(File.Exists(Path.Combine(Root, ".github/actions/scheduler-check/../../../src/Scheduler/Scheduler.csproj")));
    }

    [Fact]
    public void The_plan_flags_the_action_passes_are_flags_plan_accepts()
    {
        using var repository = PlanTasks.Base();

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--schedules-path", "schedules", "--count", "5", "--format", "markdown");

        Assert.Equal(0, run.ExitCode);
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string[] Keys(YamlNode node) => [.. ((YamlMappingNode)node).Children.Keys.Select(k => k.ToString())];

    private static List<string> Runs(YamlMappingNode document)
    {
        var jobs = document.Children.TryGetValue("jobs", out var j)
            ? ((YamlMappingNode)j).Children.Values.Select(job => job["steps"])
            : [document["runs"]["steps"]];
        return [.. jobs.SelectMany(steps => ((YamlSequenceNode)steps).Children)
            .Select(step => (YamlMappingNode)step)
            .Where(step => step.Children.ContainsKey("run"))
            .Select(step => step["run"].ToString())];
    }
}
