using System.Buffers;
using System.IO.Compression;

namespace TalentLink.Offers.Services;

/// <summary>
/// Checks that a ZIP with the DOCX signature is a Word package and not a decompression bomb. The
/// central directory is checked first (entry count, declared uncompressed total, compression ratio,
/// the <c>[Content_Types].xml</c> and <c>word/document.xml</c> parts), so a bomb is refused without
/// inflating anything; then every part is inflated into nothing, so corrupt compressed data is refused
/// too. That pass is bounded by the checked directory: the runtime's reader stops each part at its
/// declared size and refuses local headers that disagree with the directory.
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
                while (content.Read(buffer) > 0)
                {
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
