using System.Text;

namespace TalentLink.Offers.Services;

/// <summary>
/// Checks that a file with the PDF signature is structurally a PDF, as a reader finds it: a
/// <c>%PDF-1.x</c> or <c>%PDF-2.x</c> header, and within the last kilobyte a <c>startxref</c> whose
/// offset lies inside the file and points at a cross-reference table (<c>xref</c>) or stream
/// (<c>N G obj</c>), followed by the <c>%%EOF</c> marker. Only the head and the tail are read.
/// </summary>
public static class PdfStructure
{
    private const int TailBytes = 1024;

    /// <summary>Null when the file is a well-formed PDF, otherwise what is wrong with it.</summary>
    public static string? Problem(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var head = Read(stream, 0, 16);
        if (!HasVersionHeader(head))
        {
            return "its header is not %PDF-1.x or %PDF-2.x";
        }

        var tailStart = Math.Max(0, stream.Length - TailBytes);
        var tail = Encoding.Latin1.GetString(Read(stream, tailStart, TailBytes));
        var eof = tail.LastIndexOf("%%EOF", StringComparison.Ordinal);
        if (eof < 0)
        {
            return "it has no %%EOF marker at its end";
        }

        var startXref = tail.LastIndexOf("startxref", eof, StringComparison.Ordinal);
        if (startXref < 0 || !long.TryParse(tail.AsSpan(startXref + "startxref".Length, eof - startXref - "startxref".Length).Trim(), out var offset))
        {
            return "it has no startxref offset before its %%EOF marker";
        }

        if (offset <= 0 || offset >= tailStart + startXref)
        {
            return "its startxref offset points outside the document";
        }

        var target = Encoding.Latin1.GetString(Read(stream, offset, 32));
        return IsCrossReference(target) ? null : "its startxref offset does not point at a cross-reference table";
    }

    private static bool HasVersionHeader(ReadOnlySpan<byte> head) =>
        head.Length >= 8 && head.StartsWith("%PDF-"u8) && head[5] is (byte)'1' or (byte)'2' && head[6] == (byte)'.' && char.IsAsciiDigit((char)head[7]);

    /// <summary><c>xref</c> (classic table) or <c>12 0 obj</c> (cross-reference stream, PDF 1.5+).</summary>
    private static bool IsCrossReference(string text)
    {
        if (text.StartsWith("xref", StringComparison.Ordinal))
        {
            return true;
        }

        var parts = text.Split([' ', '\r', '\n', '\t'], 4, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 && parts[0].All(char.IsAsciiDigit) && parts[1].All(char.IsAsciiDigit) && parts[2].StartsWith("obj", StringComparison.Ordinal);
    }

    private static byte[] Read(FileStream stream, long offset, int count)
    {
        stream.Position = offset;
        var buffer = new byte[count];
        var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return buffer[..read];
    }
}
