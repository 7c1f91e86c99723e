using System.Text.Json;

namespace Scheduler.Tests.Deploy;

/// <summary>
/// deploy/kubernetes rendered as <c>kubectl apply -k</c> would send it: every object valid against the Kubernetes
/// schemas, and every workload passing what a security review looks for.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string Base = "base";
    private const string Replicas = "overlays/postgres-replicas";

    [ToolFact("kubectl", "node")]
    public async Task The_base_renders_one_sqlite_scheduler_whose_objects_all_match_the_kubernetes_schemas()
    {
        var render = await KustomizeRender.OfAsync(Base);

        Assert.Empty(render.Problems);
        Assert.Equal(["ConfigMap", "Service", "ServiceAccount", "StatefulSet"], render.Kinds.Order());
        var statefulSet = render.Single("StatefulSet");
        Assert.Equal(1, statefulSet.GetProperty("spec").GetProperty("replicas").GetInt32());
        var claim = Assert.Single(statefulSet.GetProperty("spec").GetProperty("volumeClaimTemplates").EnumerateArray());
        Assert.Equal("/data", MountPath(statefulSet, claim.GetProperty("metadata").GetProperty("name").GetString()!));
        var args = Args(statefulSet);
        Assert.Equal(["serve", "--git"], args[..2]);
        Assert.Equal("/data", After(args, "--data"));
    }

    [ToolFact("kubectl", "node")]
    public async Task The_replica_overlay_renders_three_postgres_schedulers_with_a_disruption_budget_and_no_sqlite_volume()
    {
        var render = await KustomizeRender.OfAsync(Replicas);

        Assert.Empty(render.Problems);
        Assert.Equal(["ConfigMap", "Deployment", "PodDisruptionBudget", "Service", "ServiceAccount"], render.Kinds.Order());
        var deployment = render.Single("Deployment");
        Assert.Equal(3, deployment.GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.Equal("postgres", After(Args(deployment), "--store"));

        var labels = deployment.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels");
        var budget = render.Single("PodDisruptionBudget").GetProperty("spec");
        Assert.All(budget.GetProperty("selector").GetProperty("matchLabels").EnumerateObject(),
            label => Assert.Equal(label.Value.GetString(), labels.GetProperty(label.Name).GetString()));
        Assert.Equal(1, budget.GetProperty("maxUnavailable").GetInt32());
    }

    [ToolFact("kubectl", "node")]
    public async Task The_connection_string_api_token_and_oidc_secret_arrive_as_files_in_the_credentials_directory()
    {
        foreach (var (folder, secrets) in new[] { (Base, new[] { "scheduler-secrets" }), (Replicas, ["scheduler-postgres", "scheduler-secrets"]) })
        {
            var workload = Assert.Single((await KustomizeRender.OfAsync(folder)).Workloads);
            var container = Assert.Single(SecurityReview.PodSpec(workload).GetProperty("containers").EnumerateArray());
            var credentials = Env(container, "CREDENTIALS_DIRECTORY");
            var mount = Assert.Single(SecurityReview.Items(container, "volumeMounts"), m => m.GetProperty("mountPath").GetString() == credentials);
            Assert.True(mount.GetProperty("readOnly").GetBoolean());

            var volume = Assert.Single(SecurityReview.Items(SecurityReview.PodSpec(workload), "volumes"),
                v => v.GetProperty("name").GetString() == mount.GetProperty("name").GetString());
            var projected = volume.GetProperty("projected");
            Assert.Equal(secrets, projected.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("secret").GetProperty("name").GetString()));
            Assert.Equal(Convert.ToInt32("440", 8), projected.GetProperty("defaultMode").GetInt32()); // the owner and the pod's group

            // Nothing secret in the environment but the git token, which the git client reads from there.
            var fromSecrets = SecurityReview.Items(container, "env").Where(e => SecurityReview.Property(SecurityReview.Property(e, "valueFrom"), "secretKeyRef") is not null);
            Assert.Equal(["SCHEDULER_GIT_TOKEN"], fromSecrets.Select(e => e.GetProperty("name").GetString()));
        }
    }

    [ToolFact("kubectl", "node")]
    public async Task Every_workload_passes_the_security_review_and_probes_health_and_readiness_on_the_port_it_serves()
    {
        foreach (var folder in new[] { Base, Replicas })
        {
            var render = await KustomizeRender.OfAsync(folder);
            var workload = Assert.Single(render.Workloads);

            Assert.Empty(SecurityReview.Findings(workload));
            var container = Assert.Single(SecurityReview.PodSpec(workload).GetProperty("containers").EnumerateArray());
            Assert.Equal("/healthz", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
            Assert.Equal("/readyz", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
            var port = Assert.Single(container.GetProperty("ports").EnumerateArray());
            Assert.Equal(new Uri(After(Args(workload), "--urls")).Port, port.GetProperty("containerPort").GetInt32());
            Assert.Equal(port.GetProperty("name").GetString(), container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("port").GetString());
            var service = Assert.Single(render.Single("Service").GetProperty("spec").GetProperty("ports").EnumerateArray());
            Assert.Equal(port.GetProperty("name").GetString(), service.GetProperty("targetPort").GetString());

            // A drain of 20 s and a grace of 30 s before the kubelet's SIGKILL.
            Assert.True(SecurityReview.PodSpec(workload).GetProperty("terminationGracePeriodSeconds").GetInt32() >= 50);
        }
    }

    [ToolFact("kubectl", "node")]
    public async Task The_probes_are_not_refused_by_host_filtering()
    {
        // The kubelet sends Host: <pod IP>:8080, which an AllowedHosts list of names answers with 400.
        foreach (var folder in new[] { Base, Replicas })
        {
            var render = await KustomizeRender.OfAsync(folder);
            var config = render.Single("ConfigMap").GetProperty("data");
            var container = SecurityReview.PodSpec(Assert.Single(render.Workloads)).GetProperty("containers")[0];
            var fromEnv = SecurityReview.Items(container, "env").Where(e => e.GetProperty("name").GetString() == "AllowedHosts").Select(e => e.GetProperty("value").GetString());
            var allowed = fromEnv.Concat(config.TryGetProperty("AllowedHosts", out var a) ? [a.GetString()] : []).ToList();

            Assert.All(allowed, hosts => Assert.Equal("*", hosts));
        }
    }

    [Fact]
    public void The_review_names_each_thing_an_insecure_workload_gets_wrong()
    {
        using var insecure = JsonDocument.Parse("""
            { "kind": "Deployment", "metadata": { "name": "loose" },
              "spec": { "template": { "spec": {
                "containers": [ { "name": "app", "securityContext": { "runAsUser": 0, "privileged": true, "capabilities": { "add": ["NET_ADMIN"] } },
                                  "resources": { "requests": { "cpu": "100m" } } } ] } } } }
            """);

        var findings = SecurityReview.Findings(insecure.RootElement);

        Assert.Equal(
            [
                "Deployment/loose: automountServiceAccountToken is not false (the pod would get an API token it never uses)",
                "Deployment/loose container app: runAsNonRoot is not true",
                "Deployment/loose container app: runs as user 0 (root)",
                "Deployment/loose container app: readOnlyRootFilesystem is not true",
                "Deployment/loose container app: allowPrivilegeEscalation is not false",
                "Deployment/loose container app: privileged",
                "Deployment/loose container app: capabilities are not all dropped (drop: [], add: 1)",
                "Deployment/loose container app: no requests.memory",
                "Deployment/loose container app: no limits.cpu",
                "Deployment/loose container app: no limits.memory",
                "Deployment/loose container app: no livenessProbe",
                "Deployment/loose container app: no readinessProbe",
            ],
            findings);
    }

    private static string[] Args(JsonElement workload) =>
        [.. SecurityReview.PodSpec(workload).GetProperty("containers")[0].GetProperty("args").EnumerateArray().Select(a => a.GetString()!)];

    private static string After(string[] args, string flag) => args[Array.IndexOf(args, flag) + 1];

    private static string Env(JsonElement container, string name) =>
        Assert.Single(SecurityReview.Items(container, "env"), e => e.GetProperty("name").GetString() == name).GetProperty("value").GetString()!;

    private static string MountPath(JsonElement workload, string volume) =>
        Assert.Single(SecurityReview.Items(SecurityReview.PodSpec(workload).GetProperty("containers")[0], "volumeMounts"),
            m => m.GetProperty("name").GetString() == volume).GetProperty("mountPath").GetString()!;
}
