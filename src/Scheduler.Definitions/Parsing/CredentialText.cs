using System.Buffers;
using System.Text.RegularExpressions;

namespace Scheduler.Definitions.Parsing;

/// <summary>
/// Recognises committed credentials: the token shapes of well-known services, private keys, URLs with a password,
/// and literal values of fields that only ever hold credentials (an <c>Authorization</c> header, a <c>*_PASSWORD</c>
/// variable). Such a value belongs in the scheduler's environment or a secret file, named by <c>from-env</c>/<c>from-file</c>.
/// </summary>
internal static partial class CredentialText
{
    public const string Hint =
        "Keep credentials out of git: give the value by reference, e.g. DB_URL: { from-env: APP_DB_URL } or Authorization: { from-env: API_TOKEN, prefix: \"Bearer \" } (or from-file: /run/secrets/NAME), and set it where the scheduler runs.";

    private static readonly (Regex Pattern, string What)[] Shapes =
    [
        (PrivateKey(), "a private key"),
        (GitHubToken(), "a GitHub token"),
        (SlackToken(), "a Slack token"),
        (AwsKey(), "an AWS access key id"),
        (SecretKey(), "an API secret key (sk-...)"),
        (BearerToken(), "a bearer token"),
        (UrlWithPassword(), "a URL with a password in it"),
    ];

    // Text that each shape above needs somewhere (ignoring case, so a match here may still be no shape): most values
    // hold none of them, and one vectorised search over the value is cheaper than running every pattern.
    private static readonly SearchValues<string> Clues = SearchValues.Create(
        ["-----BEGIN ", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xoxb-", "xoxp-", "xoxa-", "AKIA", "ASIA", "sk-", "bearer", "://"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when <paramref name="text"/> has none of the known shapes, else what it looks like, for the message.</summary>
    public static string? Describe(string text)
    {
        if (text.AsSpan().IndexOfAny(Clues) < 0)
        {
            return null;
        }

        foreach (var (pattern, what) in Shapes)
        {
            if (pattern.IsMatch(text))
            {
                return what;
            }
        }

        return null;
    }

    /// <summary>
    /// Null unless <paramref name="path"/> is an env variable or header that only holds credentials (<c>env.DB_PASSWORD</c>,
    /// <c>http.headers.Authorization</c>): written as text there, any non-empty value is one.
    /// </summary>
    public static string? DescribeField(string path, string text)
    {
        if (text.Trim().Length == 0)
        {
            return null;
        }

        if (path.StartsWith("env.", StringComparison.Ordinal) && CredentialVariable().IsMatch(path["env.".Length..]))
        {
            return "a credential (the variable's name says so)";
        }

        return path.StartsWith("http.headers.", StringComparison.Ordinal) && CredentialHeader().IsMatch(path["http.headers.".Length..])
            ? "a credential (the header carries one)"
            : null;
    }

    [GeneratedRegex(@"-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[bpa]-[A-Za-z0-9-]{8,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_-]{16,}")]
    private static partial Regex SecretKey();

    // A token after "Bearer " has a digit in it: "Bearer abc123" is one, "a Bearer token" in a description is not.
    [GeneratedRegex(@"\bBearer\s+(?=[A-Za-z0-9\-._~+/]*[0-9])[A-Za-z0-9\-._~+/]{4,}=*", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    // scheme://user:password@host; a password that is a template ({{ ... }}), a shell variable ($DB_PASSWORD) or
    // already masked is no committed secret.
    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@{}]+:(?!\*\*\*@|\$)[^/\s@{}]+@")]
    private static partial Regex UrlWithPassword();

    [GeneratedRegex(@"(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)\z", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialVariable();

    [GeneratedRegex(@"^(Authorization|Proxy-Authorization|Cookie|X-Api-Key|Api-Key|X-Auth-Token|.*-Token|.*-Secret)\z", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialHeader();
}
