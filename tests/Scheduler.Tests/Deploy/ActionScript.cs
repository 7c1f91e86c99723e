using YamlDotNet.RepresentationModel;

namespace Scheduler.Tests.Deploy;

/// <summary>The <c>run:</c> script of one named step of the composite action, run with bash as the runner would.</summary>
internal static class ActionScript
{
    public static string Of(string stepName)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(DeployFiles.Path(".github", "actions", "scheduler-check", "action.yml")))
        {
            stream.Load(reader);
        }

        var steps = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["runs"]["steps"];
        var step = steps.Children.Cast<YamlMappingNode>().Single(s => s.Children.TryGetValue("name", out var name) && name.ToString() == stepName);
        return step["run"].ToString();
    }

    /// <summary>Runs the step's script with <c>bash -e</c> (the runner's <c>shell: bash</c>) and the given environment.</summary>
    public static Task<ToolRun> RunAsync(string stepName, string workingDirectory, IReadOnlyDictionary<string, string> environment) =>
        ToolRun.RunAsync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", Of(stepName)], workingDirectory, environment, TimeSpan.FromMinutes(3));
}
