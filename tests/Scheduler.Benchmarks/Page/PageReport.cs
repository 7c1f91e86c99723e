using System.Globalization;
using System.Text.Json;
using Scheduler.Benchmarks.Measurement;

namespace Scheduler.Benchmarks.Page;

/// <summary>The page benchmark's output: the table of page kinds against their targets, the profile, and the JSON line.</summary>
internal static class PageReport
{
    public static void Write(
        TextWriter output, SeededStore store, List<PageKind> kinds, Dictionary<PageKind, KindResult> results, PageProfile profile, EventsCost? events,
        int requests, double startSeconds, double capacity, (double? Before, double? After) load)
    {
        var big = store.BigTaskRunIds.Values.Select(v => v.Length).Order().ToList();
        var small = store.RunCounts.Where(kv => !store.BigTaskRunIds.ContainsKey(kv.Key)).Select(kv => kv.Value).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"page: {store.Tasks.Count} tasks, {store.Runs:N0} runs ({big.Count} tasks with {string.Join(", ", big.Select(b => $"{b / 1000}k"))}; the others {small[0]}-{small[^1]}, median {small[small.Count / 2]}), {store.DatabaseBytes / 1e6:F0} MB, built in {store.Seconds:F1} s; serve ready in {startSeconds:F1} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{requests} sequential requests per kind after {PageBenchmark.WarmUpRounds} warm-up rounds, interleaved, one keep-alive connection; {Machine.Cores} cores ({Machine.CpuModel}), .NET {Machine.Runtime}, load average {load.Before:F2} before, {load.After:F2} after, parallel capacity {capacity:F2} of {Machine.Cores}"));
        output.WriteLine("client = HttpClient on loopback, send to last byte; server = Kestrel's own 'Request finished' time (what the targets are about)");
        output.WriteLine($"CPU ms/req = serve's user+system time over {PageBenchmark.CpuRequests} requests of the kind in a row, divided by their number (its background work meanwhile included)");
        output.WriteLine();
        var table = new TextTable("page", "target p99", "min", "p50", "p90", "p99", "max", "server p50", "server p99", "CPU ms/req", "bytes", "first ms", "result");
        foreach (var kind in kinds)
        {
            var r = results[kind];
            if (r.Error is not null)
            {
                table.Add(kind.Title, kind.TargetP99Ms is { } target ? $"< {target:0}" : "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", r.Error.Contains(" 500", StringComparison.Ordinal) ? "FAIL (HTTP 500)" : "FAIL");
                continue;
            }

            var c = Percentiles.Of(r.ClientMs);
            var s = Percentiles.Of(r.ServerMs);
            table.Add(kind.Title, kind.TargetP99Ms is { } t ? $"< {t:0}" : "-", F(c.Min), F(c.P50), F(c.P90), F(c.P99), F(c.Max), F(s.P50), F(s.P99),
                r.CpuMs is { } cpu ? F(cpu) : "-", r.Bytes.ToString(CultureInfo.InvariantCulture), F(r.ColdMs), Verdict(kind, s));
        }

        table.WriteTo(output);
        output.WriteLine();
        var met = kinds.Where(k => k.TargetP99Ms is not null).All(k => results[k].Error is null && Percentiles.Of(results[k].ServerMs).P99 < k.TargetP99Ms);
        output.WriteLine($"targets (server p99): {(met ? "all met" : "NOT all met")}");
        foreach (var kind in kinds.Where(k => results[k].Error is not null))
        {
            output.WriteLine($"{kind.Key}: {results[kind].Error}");
        }

        if (events is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"/events: serve used {events.NoneShare * 100:F2}% of a core with no stream open and {events.OpenShare * 100:F2}% with {events.Streams} overview streams open ({events.OpeningEvents} events when they opened, then {events.Events} in the {events.WindowSeconds:0} s; {events.Failed} streams failed); target < 2%: {(events.OpenShare < 0.02 ? "met" : "MISSED")}"));
        }

        output.WriteLine();
        profile.WriteTo(output);
        output.WriteLine();
        output.WriteLine(Json(store, kinds, results, profile, events, requests, startSeconds, capacity, load, met));
    }

    private static string Verdict(PageKind kind, Percentiles server) =>
        kind.TargetP99Ms is not { } target ? "-" : server.P99 < target ? "pass" : "FAIL";

    private static string Json(
        SeededStore store, List<PageKind> kinds, Dictionary<PageKind, KindResult> results, PageProfile profile, EventsCost? events, int requests,
        double startSeconds, double capacity, (double? Before, double? After) load, bool met)
    {
        var json = new Dictionary<string, object?>
        {
            ["benchmark"] = "page",
            ["tasks"] = store.Tasks.Count,
            ["runs"] = store.Runs,
            ["requests"] = requests,
            ["cores"] = Machine.Cores,
            ["cpu"] = Machine.CpuModel,
            ["dotnet"] = Machine.Runtime,
            ["db_mb"] = Math.Round(store.DatabaseBytes / 1e6, 1),
            ["build_s"] = Math.Round(store.Seconds, 1),
            ["serve_ready_s"] = Math.Round(startSeconds, 1),
        };
        foreach (var kind in kinds)
        {
            var c = Percentiles.Of(results[kind].ClientMs);
            var s = Percentiles.Of(results[kind].ServerMs);
            json[kind.Key + "_error"] = results[kind].Error;
            json[kind.Key + "_p50_ms"] = R(c.P50);
            json[kind.Key + "_p99_ms"] = R(c.P99);
            json[kind.Key + "_max_ms"] = R(c.Max);
            json[kind.Key + "_server_p50_ms"] = R(s.P50);
            json[kind.Key + "_server_p99_ms"] = R(s.P99);
            json[kind.Key + "_bytes"] = results[kind].Bytes;
            json[kind.Key + "_cpu_ms"] = results[kind].CpuMs is { } cpu ? R(cpu) : null;
            json[kind.Key + "_first_ms"] = R(results[kind].ColdMs);
            json[kind.Key + "_queries"] = profile.QueriesPerRequest(kind);
            if (kind.TargetP99Ms is { } target)
            {
                json[kind.Key + "_target_p99_ms"] = target;
            }
        }

        json["events_streams"] = events?.Streams;
        json["events_cpu_none_pct"] = events is null ? null : R(events.NoneShare * 100);
        json["events_cpu_open_pct"] = events is null ? null : R(events.OpenShare * 100);
        json["events_received"] = events?.Events;
        json["definition_parse_all_ms"] = R(profile.DefinitionParseMs);
        json["target_met"] = met;
        json["parallel_capacity"] = Math.Round(capacity, 2);
        json["load_before"] = load.Before;
        json["load_after"] = load.After;
        return JsonSerializer.Serialize(json);
    }

    private static double R(double value) => Math.Round(value, 2);

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
