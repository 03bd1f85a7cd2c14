using System.Buffers;
using System.IO.Compression;

namespace TalentLink.Offers.Services;

/// <summary>
/// Checks that a ZIP with the DOCX signature is a Word package and not a decompression bomb. The
/// central directory is checked first (entry count, declared uncompressed total, compression ratio,
/// the <c>[Content_Types].xml</c> and <c>word/document.xml</c> parts), so a bomb is refused without
/// inflating anything; then every entry is inflated into nothing, counted, and stopped as soon as it
/// yields more than its directory declared, so a lying directory cannot get past the bounds either.
/// </summary>
public static class DocxPackage
{
    public const int MaxEntries = 1000;
    public const long MaxUncompressedBytes = 50 * 1024 * 1024;
    public const int MaxCompressionRatio = 100;

    // Below this the ratio says nothing: a few kilobytes of repetitive XML compress very well.
    private const long RatioFloorBytes = 1024 * 1024;

    /// <summary>Null when the file is a Word package within the bounds, otherwise what is wrong with it.</summary>
    public static string? Problem(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            return DirectoryProblem(zip) ?? ContentProblem(zip);
        }
        catch (InvalidDataException ex)
        {
            return $"it is not a readable ZIP package ({ex.Message})";
        }
    }

    private static string? DirectoryProblem(ZipArchive zip)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            return $"it has {zip.Entries.Count} parts, more than the {MaxEntries} allowed";
        }

        long uncompressed = 0, compressed = 0;
        foreach (var entry in zip.Entries)
        {
            uncompressed += entry.Length;
            compressed += entry.CompressedLength;
        }

        if (uncompressed > MaxUncompressedBytes)
        {
            return $"it unpacks to {uncompressed / 1024 / 1024} MB, more than the {MaxUncompressedBytes / 1024 / 1024} MB allowed";
        }

        if (uncompressed > RatioFloorBytes && uncompressed > MaxCompressionRatio * Math.Max(compressed, 1))
        {
            return $"it is compressed more than {MaxCompressionRatio}:1, which no Word document is";
        }

        if (zip.GetEntry("[Content_Types].xml") is null)
        {
            return "it has no [Content_Types].xml part";
        }

        return zip.GetEntry("word/document.xml") is null ? "it has no word/document.xml part" : null;
    }

    private static string? ContentProblem(ZipArchive zip)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                long inflated = 0;
                int read;
                while ((read = content.Read(buffer)) > 0)
                {
                    inflated += read;
                    if (inflated > entry.Length)
                    {
                        return $"its part '{entry.FullName}' unpacks to more than its declared size";
                    }
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
