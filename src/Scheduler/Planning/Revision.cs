namespace Scheduler.Planning;

/// <summary>A revision as the user named it (<c>origin/main</c>) and the commit it resolved to.</summary>
internal sealed record Revision(string Name, string Sha)
{
    public string ShortSha => Sha[..Math.Min(7, Sha.Length)];

    /// <summary><c>origin/main (1a2b3c4)</c>, or <c>working tree</c> for no revision.</summary>
    public static string Label(Revision? revision) => revision is null ? "working tree" : $"{revision.Name} ({revision.ShortSha})";
}
