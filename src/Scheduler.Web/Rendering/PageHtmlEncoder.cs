using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace Scheduler.Web.Rendering;

/// <summary>
/// The one place where page output is escaped: the renderer writes every expression of every component through
/// it, text and attribute values alike. It encodes what HTML needs (<c>&lt; &gt; &amp; " '</c>) and writes every other
/// character as itself. The framework's encoders also turn every newline, <c>+</c> and character outside their
/// allowed ranges into an entity: a run's output would grow by five bytes a line and a zone offset read
/// <c>&amp;#x2B;01:00</c> in the source, with nothing gained inside a UTF-8 page whose attributes are always quoted.
/// </summary>
internal sealed class PageHtmlEncoder : HtmlEncoder
{
    private static readonly SearchValues<char> Special = SearchValues.Create("<>&\"'");

    public static PageHtmlEncoder Instance { get; } = new();

    public override int MaxOutputCharactersPerInputCharacter => 6; // &quot;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        new ReadOnlySpan<char>(text, textLength).IndexOfAny(Special);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        var entity = unicodeScalar switch
        {
            '<' => "&lt;",
            '>' => "&gt;",
            '&' => "&amp;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => null,
        };
        if (entity is null)
        {
            return new Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
        }

        numberOfCharactersWritten = entity.Length;
        return entity.TryCopyTo(destination) || Fail(out numberOfCharactersWritten);
    }

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is '<' or '>' or '&' or '"' or '\'';

    private static bool Fail(out int written)
    {
        written = 0;
        return false;
    }
}
