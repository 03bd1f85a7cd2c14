using System.Text;

namespace TalentLink.Benchmarks.Operations;

/// <summary>Plausible filler text (cover letters, descriptions) that compresses like real prose.</summary>
internal static class Text
{
    private static readonly string[] Words =
    [
        "experienced", "engineer", "team", "product", "customers", "delivery", "cloud", "platform", "data", "design",
        "recruiting", "remote", "senior", "junior", "backend", "frontend", "ownership", "growth", "salary", "benefits",
        "Paris", "Lyon", "Berlin", "motivated", "curious", "reliable", "project", "years", "skills", "C#", ".NET", "SQL",
    ];

    public static string Paragraph(Random random, int length)
    {
        var text = new StringBuilder(length + 16);
        while (text.Length < length)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(random.Next(12) == 0 ? ". " : " ");
        }

        return text.ToString(0, length);
    }
}
