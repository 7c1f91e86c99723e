using System.Collections.Concurrent;
using System.Text.Json;

namespace Scheduler.Tests.Deploy;

/// <summary>
/// A Kustomize folder of deploy/kubernetes rendered by <c>kubectl kustomize</c>, every object checked against the
/// Kubernetes schemas by schema/validate.mjs (the npm package kubernetes-models). Rendered once per folder per test run.
/// </summary>
internal sealed record KustomizeRender(IReadOnlyList<JsonElement> Objects, IReadOnlyList<string> Problems)
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<KustomizeRender>>> Cache = new();

    public static Task<KustomizeRender> OfAsync(string folder) =>
        Cache.GetOrAdd(folder, f => new Lazy<Task<KustomizeRender>>(() => RenderAsync(f))).Value;

    public IReadOnlyList<string> Kinds => [.. Objects.Select(o => o.GetProperty("kind").GetString()!)];

    public JsonElement Single(string kind) => Assert.Single(Objects, o => o.GetProperty("kind").GetString() == kind);

    /// <summary>The objects that run pods: their pod template is what a security review reads.</summary>
    public IEnumerable<JsonElement> Workloads =>
        Objects.Where(o => o.GetProperty("kind").GetString() is "Deployment" or "StatefulSet" or "DaemonSet" or "Job" or "CronJob" or "Pod");

    private static async Task<KustomizeRender> RenderAsync(string folder)
    {
        var directory = DeployFiles.Path("deploy", "kubernetes", folder);
        var kustomize = await ToolRun.RunAsync(DeployFiles.Require("kubectl"), ["kustomize", directory]);
        Assert.True(kustomize.ExitCode == 0, $"kubectl kustomize {folder}: {kustomize.Describe()}");

        var rendered = Path.Combine(Path.GetTempPath(), $"scheduler-kustomize-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(rendered, kustomize.Out);
        try
        {
            var schema = DeployFiles.Path("tests", "Scheduler.Tests", "Deploy", "schema");
            Assert.True(Directory.Exists(Path.Combine(schema, "node_modules", "kubernetes-models")),
                $"{schema}/node_modules is missing: the test project's build runs `npm ci` there (see Scheduler.Tests.csproj).");
            var validate = await ToolRun.RunAsync(DeployFiles.Require("node"), [Path.Combine(schema, "validate.mjs"), rendered], schema);
            Assert.True(validate.ExitCode == 0, $"validate.mjs on {folder}: {validate.Describe()}");
            using var json = JsonDocument.Parse(validate.Out);
            return new KustomizeRender(
                [.. json.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.Clone())],
                [.. json.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)]);
        }
        finally
        {
            File.Delete(rendered);
        }
    }
}
