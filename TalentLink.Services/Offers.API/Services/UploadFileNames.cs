using System.Globalization;
using System.Text;

namespace TalentLink.Offers.Services;

/// <summary>
/// The uploader's file name is kept as display metadata only. A name that tries to be a path
/// (separators, <c>..</c>, drive letters, control characters) is refused outright rather than
/// silently rewritten, so a client doing something odd learns about it. Files are offered under
/// <see cref="ForDownload"/>: the uploader's base name, cleaned, with the detected type's extension.
/// </summary>
public static class UploadFileNames
{
    public const int MaxLength = 255;
    private const int MaxBaseLength = 100;

    /// <summary>
    /// The name a file is served under: the uploader's name without its extension, stripped of format
    /// characters (bidi overrides such as U+202E, zero-width characters), control, separator and
    /// path or shell-special characters, then the extension of the type detected from the content,
    /// so <c>poly-cv.html</c> stored as a PDF downloads as <c>poly-cv.pdf</c>. A name that cleans to
    /// nothing becomes the file's kind (<c>cv.pdf</c>).
    /// </summary>
    public static string ForDownload(string originalName, string contentType, string kind)
    {
        var extension = FileSignatures.FromContentType(contentType)?.Extension ?? ".bin";
        var kept = new StringBuilder(originalName.Length);
        foreach (var rune in originalName.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator)
            {
                kept.Append(' ');
            }
            else if (IsSafe(rune))
            {
                kept.Append(rune.ToString());
            }
        }

        var name = kept.ToString();
        var dot = name.LastIndexOf('.');
        var stem = (dot > 0 ? name[..dot] : name).Trim().Trim('.', ' ');
        if (stem.Length > MaxBaseLength)
        {
            stem = stem[..MaxBaseLength].TrimEnd('.', ' ');
        }

        return (stem.Length == 0 ? kind : stem) + extension;
    }

    private static bool IsSafe(Rune rune) =>
        rune.Value is not ('/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' or '%' or ';')
        && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator);

    public static string Sanitise(string? fileName, string kind)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Invalid application form",
                $"The {kind} part must be a file with a file name.");
        }

        var name = fileName.Normalize(NormalizationForm.FormC).Trim();
        if (name.IndexOfAny(['/', '\\', ':']) >= 0 || name is "." or ".." || name.StartsWith("..", StringComparison.Ordinal)
            || name.Any(char.IsControl))
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Invalid file name",
                $"The {kind} file name must be a plain file name, without a path, '..' or control characters.");
        }

        if (name.Length > MaxLength)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Invalid file name",
                $"The {kind} file name is longer than {MaxLength} characters.");
        }

        return name;
    }
}
