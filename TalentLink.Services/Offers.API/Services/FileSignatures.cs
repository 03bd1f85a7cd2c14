using System.IO.Compression;

namespace TalentLink.Offers.Services;

/// <summary>A file type recognised from content.</summary>
public sealed record DetectedFileType(string ContentType, string Extension);

/// <summary>
/// Recognises PDF and DOCX files by content, never by name or declared type: a PDF starts with
/// <c>%PDF-</c>; a DOCX is a ZIP archive (<c>PK\x03\x04</c>) whose directory holds
/// <c>[Content_Types].xml</c> and a <c>word/</c> part. Only the ZIP directory is read, nothing is inflated.
/// </summary>
public static class FileSignatures
{
    public static readonly DetectedFileType Pdf = new("application/pdf", ".pdf");
    public static readonly DetectedFileType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");

    /// <summary>The type stored with a file (its detected content type), or null for one this service never stores.</summary>
    public static DetectedFileType? FromContentType(string contentType) =>
        contentType == Pdf.ContentType ? Pdf : contentType == Docx.ContentType ? Docx : null;

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The type of the file at <paramref name="path"/>, or null when it is neither PDF nor DOCX.</summary>
    public static DetectedFileType? Detect(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];

        if (head.StartsWith(PdfMagic))
        {
            return Pdf;
        }

        if (head.StartsWith(ZipMagic))
        {
            stream.Position = 0;
            return IsWordDocument(stream) ? Docx : null;
        }

        return null;
    }

    private static bool IsWordDocument(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var hasContentTypes = false;
            var hasWordPart = false;
            foreach (var entry in zip.Entries)
            {
                hasContentTypes |= entry.FullName == "[Content_Types].xml";
                hasWordPart |= entry.FullName.StartsWith("word/", StringComparison.Ordinal);
            }

            return hasContentTypes && hasWordPart;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
