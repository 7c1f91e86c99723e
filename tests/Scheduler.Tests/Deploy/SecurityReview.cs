using System.Text.Json;

namespace Scheduler.Tests.Deploy;

/// <summary>
/// What a security review of a Kubernetes workload looks for, as findings in words: non-root, a read-only root file
/// system, no privilege escalation, all capabilities dropped, requests and limits, liveness and readiness probes.
/// </summary>
internal static class SecurityReview
{
    public static IReadOnlyList<string> Findings(JsonElement workload)
    {
        var name = $"{workload.GetProperty("kind").GetString()}/{workload.GetProperty("metadata").GetProperty("name").GetString()}";
        var pod = PodSpec(workload);
        var findings = new List<string>();
        var podSecurity = Property(pod, "securityContext");
        if (Property(pod, "automountServiceAccountToken") is not { ValueKind: JsonValueKind.False })
        {
            findings.Add($"{name}: automountServiceAccountToken is not false (the pod would get an API token it never uses)");
        }

        if (Property(pod, "hostNetwork") is { ValueKind: JsonValueKind.True } || Property(pod, "hostPID") is { ValueKind: JsonValueKind.True })
        {
            findings.Add($"{name}: shares the host's network or process namespace");
        }

        // Init containers run to completion before the others: they need no probes, but the same confinement.
        foreach (var (container, serves) in Items(pod, "containers").Select(c => (c, true)).Concat(Items(pod, "initContainers").Select(c => (c, false))))
        {
            var where = $"{name} container {container.GetProperty("name").GetString()}";
            var security = Property(container, "securityContext");
            if (!IsTrue(security, "runAsNonRoot") && !IsTrue(podSecurity, "runAsNonRoot"))
            {
                findings.Add($"{where}: runAsNonRoot is not true");
            }

            if (Number(security, "runAsUser") == 0 || (Number(security, "runAsUser") is null && Number(podSecurity, "runAsUser") == 0))
            {
                findings.Add($"{where}: runs as user 0 (root)");
            }

            if (!IsTrue(security, "readOnlyRootFilesystem"))
            {
                findings.Add($"{where}: readOnlyRootFilesystem is not true");
            }

            if (Property(security, "allowPrivilegeEscalation") is not { ValueKind: JsonValueKind.False })
            {
                findings.Add($"{where}: allowPrivilegeEscalation is not false");
            }

            if (IsTrue(security, "privileged"))
            {
                findings.Add($"{where}: privileged");
            }

            var drop = Items(Property(security, "capabilities"), "drop").Select(c => c.GetString()).ToList();
            var add = Items(Property(security, "capabilities"), "add").ToList();
            if (!drop.Contains("ALL") || add.Count > 0)
            {
                findings.Add($"{where}: capabilities are not all dropped (drop: [{string.Join(", ", drop)}], add: {add.Count})");
            }

            foreach (var (kind, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory") })
            {
                if (Property(Property(Property(container, "resources"), kind), resource) is null)
                {
                    findings.Add($"{where}: no {kind}.{resource}");
                }
            }

            if (serves)
            {
                foreach (var probe in new[] { "livenessProbe", "readinessProbe" })
                {
                    if (Property(container, probe) is null)
                    {
                        findings.Add($"{where}: no {probe}");
                    }
                }
            }
        }

        return findings;
    }

    public static JsonElement PodSpec(JsonElement workload) =>
        workload.GetProperty("kind").GetString() switch
        {
            "Pod" => workload.GetProperty("spec"),
            "CronJob" => workload.GetProperty("spec").GetProperty("jobTemplate").GetProperty("spec").GetProperty("template").GetProperty("spec"),
            _ => workload.GetProperty("spec").GetProperty("template").GetProperty("spec"),
        };

    public static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) ? value : null;

    public static IEnumerable<JsonElement> Items(JsonElement? element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    private static bool IsTrue(JsonElement? element, string name) => Property(element, name) is { ValueKind: JsonValueKind.True };

    private static long? Number(JsonElement? element, string name) => Property(element, name) is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : null;
}
