namespace Scheduler.Web.Security;

/// <summary>One API token: its name (what the audit records), the SHA-256 of the token, and its role.</summary>
internal sealed record ApiTokenEntry(string Name, byte[] Hash, string Role);
