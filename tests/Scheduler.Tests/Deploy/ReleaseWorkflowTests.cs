using YamlDotNet.RepresentationModel;

namespace Scheduler.Tests.Deploy;

/// <summary>The release workflow cannot run here: these check that what it runs fits the project, the Dockerfile and the action.</summary>
public sealed class ReleaseWorkflowTests
{
    private static readonly YamlMappingNode Workflow = Load();

    [Fact]
    public void It_runs_on_version_tags_only_after_the_tests_pass()
    {
        var on = (YamlMappingNode)Workflow["on"];
        Assert.Equal(["push"], on.Children.Keys.Select(k => k.ToString()));
        Assert.Equal(["tags"], ((YamlMappingNode)on["push"]).Children.Keys.Select(k => k.ToString()));
        Assert.All((YamlSequenceNode)on["push"]["tags"], tag => Assert.StartsWith("v[0-9]+.[0-9]+.[0-9]+", tag.ToString(), StringComparison.Ordinal));
        Assert.Contains("bash .ci/run", Runs("test"));
        Assert.Equal("test", Workflow["jobs"]["tool"]["needs"].ToString());
        Assert.Equal("test", Workflow["jobs"]["image"]["needs"].ToString());
    }

    [Fact]
    public void The_tool_is_packed_with_the_tag_version_and_the_commit_and_attached_under_the_name_the_action_downloads()
    {
        var pack = Assert.Single(Runs("tool"), r => r.Contains("dotnet pack src/Scheduler", StringComparison.Ordinal));
        Assert.Contains("-p:Version=\"$version\"", pack, StringComparison.Ordinal);
        Assert.Contains("-p:SourceRevisionId=\"$GITHUB_SHA\"", pack, StringComparison.Ordinal);
        Assert.Contains(Runs("tool"), r => r.Contains("[ \"$printed\" = \"scheduler $VERSION (commit $GITHUB_SHA)\" ]", StringComparison.Ordinal));

        var release = Assert.Single(Runs("tool"), r => r.Contains("gh release create", StringComparison.Ordinal));
        Assert.Contains("\"artifacts/scheduler.$VERSION.nupkg\"", release, StringComparison.Ordinal);
        Assert.Contains("--pattern \"scheduler.$VERSION.nupkg\"", ActionScript.Of("Install the released scheduler"), StringComparison.Ordinal);
        Assert.Equal("write", Workflow["jobs"]["tool"]["permissions"]["contents"].ToString());
    }

    [Fact]
    public void The_image_is_built_from_the_dockerfile_with_the_build_arguments_it_declares_and_pushed()
    {
        var build = ((YamlSequenceNode)Workflow["jobs"]["image"]["steps"]).Children.Cast<YamlMappingNode>()
            .Single(s => s.Children.TryGetValue("uses", out var uses) && uses.ToString().StartsWith("docker/build-push-action@", StringComparison.Ordinal));
        Assert.Equal("true", build["with"]["push"].ToString());

        var dockerfile = File.ReadAllText(DeployFiles.Path("Dockerfile"));
        var arguments = build["with"]["build-args"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Split('=')[0].Trim());
        Assert.All(arguments, a => Assert.Contains($"ARG {a}=", dockerfile, StringComparison.Ordinal));
        Assert.Equal("write", Workflow["jobs"]["image"]["permissions"]["packages"].ToString());
    }

    private static List<string> Runs(string job) =>
        [.. ((YamlSequenceNode)Workflow["jobs"][job]["steps"]).Children.Cast<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey("run")).Select(s => s["run"].ToString())];

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(DeployFiles.Path(".github", "workflows", "release.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
