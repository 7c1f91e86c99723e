using Microsoft.Extensions.Logging.Abstractions;
using Scheduler.Engine.Reconciling;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// The set-up of the tests that reconcile a real schedules folder into the store and a running engine: a temp folder,
/// an engine on the test clock, and one reconcile as the sync loop does it on a change or a rescan.
/// </summary>
public abstract class ReconciledFolderTests(string tempPrefix) : IAsyncLifetime
{
    private readonly string _base = Directory.CreateTempSubdirectory(tempPrefix).FullName;
    private Reconciler _reconciler = null!;

    private protected EngineHarness H { get; private set; } = null!;

    protected string Schedules => Path.Join(_base, "schedules");

    public async Task InitializeAsync()
    {
        H = await EngineHarness.CreateAsync();
        var engine = await H.StartEngineAsync();
        Directory.CreateDirectory(Schedules);
        _reconciler = new Reconciler(H.Runs, engine, H.Clock, NullLogger<Reconciler>.Instance);
    }

    public async Task DisposeAsync()
    {
        await H.DisposeAsync();
        Directory.Delete(_base, recursive: true);
    }

    protected void Write(string id, string yaml) => File.WriteAllText(Path.Join(Schedules, id + ".yaml"), yaml);

    /// <summary>One reconcile, as the sync loop does on a change or a rescan.</summary>
    protected async Task<ReconcileReport> ReconcileAsync()
    {
        using var source = new FolderSource(Schedules, _base, H.Clock);
        return await _reconciler.ApplyAsync(await source.ReadAsync(default), source.Description, default);
    }
}
