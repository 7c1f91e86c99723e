using System.Globalization;
using System.Text.RegularExpressions;

namespace Scheduler.Tests.Deploy;

/// <summary>deploy/systemd/scheduler.service, checked by systemd's own tools and read for what the drain and the store need.</summary>
public sealed partial class SystemdUnitTests
{
    internal const string Executable = "/opt/scheduler/scheduler";
    private static readonly string UnitPath = DeployFiles.Path("deploy", "systemd", "scheduler.service");

    [ToolFact("systemd-analyze")]
    public async Task The_unit_passes_systemd_analyze_verify()
    {
        using var root = new FakeSystemRoot(UnitPath, withExecutable: true);
        await root.CopySystemUnitsAsync();

        var verify = await ToolRun.RunAsync("systemd-analyze", ["verify", "--man=no", $"--root={root.Path}", "/etc/systemd/system/scheduler.service"]);

        Assert.True(verify.ExitCode == 0 && verify.Error.Trim().Length == 0, verify.Describe());
    }

    [ToolFact("systemd-analyze")]
    public async Task Verify_fails_when_the_executable_is_missing_so_the_check_above_is_real()
    {
        using var root = new FakeSystemRoot(UnitPath, withExecutable: false);
        await root.CopySystemUnitsAsync();

        var verify = await ToolRun.RunAsync("systemd-analyze", ["verify", "--man=no", $"--root={root.Path}", "/etc/systemd/system/scheduler.service"]);

        Assert.NotEqual(0, verify.ExitCode);
        Assert.Contains(Executable, verify.Error, StringComparison.Ordinal);
    }

    [ToolFact("systemd-analyze")]
    public async Task The_sandbox_has_an_exposure_of_at_most_3_in_systemd_analyze_security()
    {
        // --threshold is in tenths: 30 is an exposure of 3.0; above it the command exits non-zero.
        var security = await ToolRun.RunAsync("systemd-analyze", ["security", "--offline=true", "--threshold=30", UnitPath]);

        var overall = ExposureLine().Match(security.Out);
        Assert.True(overall.Success, security.Describe());
        var exposure = double.Parse(overall.Groups["value"].Value, CultureInfo.InvariantCulture);
        Assert.True(security.ExitCode == 0 && exposure <= 3.0, $"exposure {exposure}\n{security.Describe()}");
    }

    [Fact]
    public void The_service_notifies_readiness_runs_as_a_dynamic_user_and_keeps_its_store_in_its_state_directory()
    {
        var unit = SystemdUnit.Load(UnitPath);

        Assert.Equal("notify", unit.Service("Type"));
        Assert.Equal("yes", unit.Service("DynamicUser"));
        Assert.Equal("scheduler", unit.Service("StateDirectory"));
        var command = unit.Service("ExecStart").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([Executable, "serve"], command[..2]);
        Assert.Equal("/var/lib/scheduler", command[Array.IndexOf(command, "--data") + 1]);
        Assert.StartsWith("http://127.0.0.1:", command[Array.IndexOf(command, "--urls") + 1], StringComparison.Ordinal);
        Assert.Equal("strict", unit.Service("ProtectSystem"));
        Assert.Equal("yes", unit.Service("NoNewPrivileges"));
        Assert.Equal("", unit.Service("CapabilityBoundingSet"));
    }

    [Fact]
    public void Stopping_signals_the_scheduler_alone_and_waits_longer_than_its_drain_and_grace()
    {
        var unit = SystemdUnit.Load(UnitPath);

        // control-group (the default) would send SIGTERM to every run's processes at the same moment as to the scheduler.
        Assert.Equal("mixed", unit.Service("KillMode"));
        var stop = TimeSpan.FromSeconds(int.Parse(unit.Service("TimeoutStopSec"), CultureInfo.InvariantCulture));
        var (drain, grace) = AppSettingsTimes();
        Assert.True(stop > drain + grace + TimeSpan.FromSeconds(15), $"TimeoutStopSec={stop.TotalSeconds} leaves no room for a drain of {drain} and a grace of {grace}.");
    }

    [Fact]
    public void The_service_sets_the_idle_runtime_variables_the_idle_benchmark_measures()
    {
        var unit = SystemdUnit.Load(UnitPath);

        // Kept in step with tests/Scheduler.Benchmarks/Idle/ShippedEnvironment.cs and the Dockerfile.
        var variables = unit.Settings.Where(s => s.Section == "Service" && s.Key == "Environment").SelectMany(s => s.Value.Split(' ')).ToList();
        Assert.Contains("DOTNET_TieredCompilation=0", variables);
        Assert.Contains("DOTNET_GCgen0size=0x400000", variables);
    }

    private static (TimeSpan Drain, TimeSpan Grace) AppSettingsTimes()
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(DeployFiles.Path("src", "Scheduler", "appsettings.json")));
        var engine = json.RootElement.GetProperty("Scheduler").GetProperty("Engine");
        var grace = TimeSpan.Parse(engine.GetProperty("ShutdownGrace").GetString()!, CultureInfo.InvariantCulture);
        // The drain's own default (20 s) where appsettings.json does not name it.
        var drain = engine.TryGetProperty("DrainTimeout", out var d) ? TimeSpan.Parse(d.GetString()!, CultureInfo.InvariantCulture) : TimeSpan.FromSeconds(20);
        return (drain, grace);
    }

    [GeneratedRegex(@"Overall exposure level for scheduler\.service: (?<value>\d+(\.\d+)?)")]
    private static partial Regex ExposureLine();
}
