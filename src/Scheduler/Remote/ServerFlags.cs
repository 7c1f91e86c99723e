using System.CommandLine;
using Scheduler.Cli;

namespace Scheduler.Remote;

/// <summary>
/// <c>--server URL</c> and <c>--token-from-env NAME</c>, shared by the commands that talk to a running server. The token
/// is read from the environment only (<c>SCHEDULER_TOKEN</c>, or the variable named), never from the command line,
/// where <c>ps</c> and shell history would show it.
/// </summary>
internal sealed class ServerFlags
{
    public const string TokenVariable = "SCHEDULER_TOKEN";

    /// <summary>Where <c>scheduler serve</c> listens unless told otherwise (its <c>--urls</c> default).</summary>
    public const string DefaultServer = "http://127.0.0.1:8080";

    public ServerFlags(string description)
    {
        Server = new Option<string?>("--server") { Description = description };
    }

    public Option<string?> Server { get; }

    public Option<string?> TokenFromEnv { get; } = new("--token-from-env")
    {
        Description = $"The environment variable holding the API token (default {TokenVariable}); sent as 'Authorization: Bearer TOKEN'.",
    };

    /// <summary>The client for <c>--server</c>, or for <paramref name="fallback"/> when it is not given; null when neither is.</summary>
    public ServerClient? Open(ParseResult result, string? fallback = null)
    {
        if ((result.GetValue(Server) ?? fallback) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw new CommandFailedException($"--server '{text}' is not a server address: write the URL scheduler serve listens on, e.g. {DefaultServer}.");
        }

        return new ServerClient(server, Token(result.GetValue(TokenFromEnv)));
    }

    private static string? Token(string? variable)
    {
        if (variable is null)
        {
            return Environment.GetEnvironmentVariable(TokenVariable);
        }

        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } token
            ? token
            : throw new CommandFailedException($"--token-from-env {variable}: the environment variable {variable} is not set (or empty); export the API token in it.");
    }
}
