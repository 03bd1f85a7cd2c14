using System.Text;

namespace TalentLink.Offers.Services;

/// <summary>
/// The uploader's file name is kept as display metadata only. A name that tries to be a path
/// (separators, <c>..</c>, drive letters, control characters) is refused outright rather than
/// silently rewritten, so a client doing something odd learns about it.
/// </summary>
public static class UploadFileNames
{
    public const int MaxLength = 255;

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
