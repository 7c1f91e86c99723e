using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Web.Security;

/// <summary>
/// The API tokens: <c>Scheduler:Api:Tokens:NAME</c> (the token's SHA-256 <c>Hash</c> and a <c>Role</c>), and the
/// older single <c>Scheduler:Api:Token</c>, an operator token named <c>default</c>. Only hashes are kept in memory.
/// </summary>
internal sealed class ApiTokens(IReadOnlyList<ApiTokenEntry> entries)
{
    public const string LegacyName = "default";

    public IReadOnlyList<ApiTokenEntry> Entries { get; } = entries;

    public bool IsConfigured => Entries.Count > 0;

    /// <summary>The entry whose hash matches <paramref name="token"/>, or null.</summary>
    public ApiTokenEntry? Find(string token)
    {
        // Hashing first makes every comparison the same length, and every entry is compared, so the time taken
        // says nothing about the token or about which entry it matched.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        ApiTokenEntry? found = null;
        foreach (var entry in Entries)
        {
            if (CryptographicOperations.FixedTimeEquals(given, entry.Hash))
            {
                found = entry;
            }
        }

        return found;
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
