using System.Text;

namespace Scheduler.Web.Live;

/// <summary>
/// What a run page showed of the output, worked out from its byte count (the stream's <c>o=</c>): the page was read
/// from the store before its stream first looks, and output written in between is news to the page, not a baseline.
/// </summary>
internal static class ShownOutput
{
    /// <summary>
    /// The first <paramref name="shownBytes"/> bytes of the output, when the stored <paramref name="tail"/> still holds all
    /// <paramref name="totalBytes"/> of it; null when the kept tail moved on since (the stream then sends the output whole).
    /// </summary>
    public static string? Of(string tail, long totalBytes, long shownBytes)
    {
        ArgumentNullException.ThrowIfNull(tail);
        if (shownBytes == totalBytes)
        {
            return tail;
        }

        var bytes = Encoding.UTF8.GetBytes(tail);
        return bytes.Length == totalBytes && shownBytes >= 0 && shownBytes < totalBytes
            ? Encoding.UTF8.GetString(bytes, 0, (int)shownBytes)
            : null;
    }
}
