using System.Text;

namespace TalentLink.Profiles.Services;

/// <summary>
/// How free text is made comparable: trimmed, runs of white space collapsed to one space, and for
/// search keys lower-cased with the invariant culture, so every provider compares the same bytes.
/// </summary>
public static class TextNormalization
{
    /// <summary>Trimmed and single-spaced; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The search key of a text: <see cref="Clean"/> then lower-cased.</summary>
    public static string? SearchKey(string? text) => Clean(text)?.ToLowerInvariant();

    public static bool HasControlCharacters(string text) => text.Any(char.IsControl);
}
