using System.Text;
using UglyToad.PdfPig;

namespace TalentLink.Offers.Services;

/// <summary>
/// Checks that a file with the PDF signature is a PDF, as a reader finds it: a <c>%PDF-1.x</c> or
/// <c>%PDF-2.x</c> header; within the last kilobyte a <c>startxref</c> whose offset lies inside the
/// file and points at a cross-reference table (<c>xref</c>) or stream (<c>N G obj</c>), followed by
/// the <c>%%EOF</c> marker; no HTML markup where a browser sniffing the file would find it (before
/// the first object or after the last <c>%%EOF</c>), so a PDF–HTML polyglot is refused; and the whole
/// document parsed strictly by PdfPig (cross-reference, trailer <c>/Root</c>, page tree), with at
/// least one page.
/// </summary>
public static class PdfStructure
{
    private const int TailBytes = 1024;
    private const int HeadBytes = 4096;

    /// <summary>What browsers take for HTML when they sniff a file; none belongs outside a PDF object.</summary>
    private static readonly string[] Markup = ["<html", "<script", "<!doctype", "<body", "<head", "<iframe", "<svg", "<meta", "<object", "<embed"];

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
        if (!IsCrossReference(target))
        {
            return "its startxref offset does not point at a cross-reference table";
        }

        if (HasMarkup(stream, tail[(eof + "%%EOF".Length)..]))
        {
            return "it carries HTML markup outside its objects";
        }

        return Parse(stream);
    }

    /// <summary>HTML between the header and the first object, or after the final <c>%%EOF</c>.</summary>
    private static bool HasMarkup(FileStream stream, string afterEof)
    {
        var head = Encoding.Latin1.GetString(Read(stream, 0, HeadBytes));
        var firstObject = head.IndexOf(" obj", StringComparison.Ordinal);
        var beforeObjects = firstObject < 0 ? head : head[..firstObject];
        return Markup.Any(tag => beforeObjects.Contains(tag, StringComparison.OrdinalIgnoreCase) || afterEof.Contains(tag, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The strict parse: a document PdfPig cannot open without its lenient repairs, or without a page, is refused.</summary>
    private static string? Parse(FileStream stream)
    {
        stream.Position = 0;
        try
        {
            using var document = PdfDocument.Open(stream, new ParsingOptions { UseLenientParsing = false, SkipMissingFonts = true });
            if (document.NumberOfPages < 1)
            {
                return "it has no page";
            }

            _ = document.GetPage(1);
            return null;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            return "its structure could not be parsed (cross-reference, trailer or page tree)";
        }
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
