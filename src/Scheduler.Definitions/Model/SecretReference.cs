using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Model;

/// <summary>
/// A credential a task names but does not contain (<c>{ from-env: APP_DB_URL, prefix: "Bearer " }</c>): resolved when
/// the run starts, never stored, shown only as <see cref="Display"/>. <see cref="At"/> is where the file wrote it.
/// </summary>
public sealed record SecretReference(SecretSource Source, string Name, string Prefix, SourcePosition At)
{
    /// <summary>The source as the file spells it: <c>from-env APP_DB_URL</c> or <c>from-file /run/secrets/db</c>.</summary>
    public string Origin => $"{(Source == SecretSource.Environment ? "from-env" : "from-file")} {Name}";

    /// <summary>What every page, plan and message shows instead of the value: <c>*** (from-env APP_DB_URL)</c>, the prefix kept.</summary>
    public string Display => $"{Prefix}*** ({Origin})";
}
