using System.Text.Encodings.Web;
using System.Text.Json;

namespace Scheduler.Output;

/// <summary>One JSON style for every command: compact, and without escaping of '+', '<' or quotes beyond what JSON needs.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
