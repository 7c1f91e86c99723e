using System.Text;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Parsing;

namespace Scheduler.Definitions.Loading;

/// <summary>Turns a file's bytes into text, refusing what is too large, binary or not UTF-8 before any parser sees it.</summary>
internal static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Decode(ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics)
    {
        if (bytes.Length > YamlLimits.MaxFileBytes)
        {
            diagnostics.Error(SourcePosition.FileStart, DiagnosticCodes.FileTooLarge,
                $"The file is larger than {YamlLimits.MaxFileBytes:N0} bytes (1 MiB), the most a task file may be.",
                "A task file is a few dozen lines: move data into the files the task reads.");
            return null;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            diagnostics.Error(PositionOf(bytes, nul), DiagnosticCodes.NotText, "The file is binary (it contains a NUL byte), not YAML text.",
                "Task files are UTF-8 text; remove this file from the schedules folder, or rename it so it does not end in .yaml/.yml.");
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            diagnostics.Error(PositionOf(bytes, Math.Max(0, e.Index)), DiagnosticCodes.NotText, "The file is not valid UTF-8 text.",
                "Save the file as UTF-8 (most editors have an encoding setting).");
            return null;
        }
    }

    /// <summary>The line and column of a byte, counting columns in bytes (good enough to find the spot).</summary>
    private static SourcePosition PositionOf(ReadOnlySpan<byte> bytes, int index)
    {
        var before = bytes[..Math.Min(index, bytes.Length)];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return new SourcePosition(line, index - lastNewline);
    }
}
