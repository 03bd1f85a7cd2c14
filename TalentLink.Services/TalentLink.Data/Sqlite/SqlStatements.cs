namespace TalentLink.Data;

/// <summary>Tells a statement that writes from one that only reads, by its first keyword.</summary>
internal static class SqlStatements
{
    private static readonly string[] WriteKeywords = ["INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"];

    public static bool IsWrite(string? sql)
    {
        var text = (sql ?? string.Empty).AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("--"))
            {
                var end = text.IndexOf('\n');
                text = end < 0 ? [] : text[(end + 1)..];
                continue;
            }

            if (text.StartsWith("/*"))
            {
                var end = text.IndexOf("*/");
                text = end < 0 ? [] : text[(end + 2)..];
                continue;
            }

            break;
        }

        foreach (var keyword in WriteKeywords)
        {
            if (text.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
