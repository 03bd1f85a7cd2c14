namespace TalentLink.Data.Replication;

/// <summary>
/// The names objects have in a replica. Every name is checked before a target uses it: lower-case
/// letters, digits, <c>. _ -</c> and <c>/</c> between segments, no empty, <c>.</c> or <c>..</c>
/// segment. A replica is read as untrusted input, so a name read from it (a listing, an index) goes
/// through the same check before it becomes a path.
/// </summary>
public static class ReplicaNames
{
    public const int MaxLength = 512;

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name[0] == '/' || name[^1] == '/')
        {
            return false;
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or "." or ".." || segment.Any(c => !(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_' or '-')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns <paramref name="name"/>, or throws when it is not a valid replica name.</summary>
    public static string Check(string name) =>
        IsValid(name) ? name : throw new ArgumentException($"'{name}' is not a valid replica object name.", nameof(name));

    /// <summary>A prefix is a name, or empty (everything), or a name followed by <c>/</c>.</summary>
    public static string CheckPrefix(string prefix) =>
        prefix.Length == 0 || IsValid(prefix.TrimEnd('/')) ? prefix : throw new ArgumentException($"'{prefix}' is not a valid replica prefix.", nameof(prefix));

    /// <summary>
    /// Resolves <paramref name="name"/> under <paramref name="root"/>, and proves the result stays
    /// inside it (the name check already forbids <c>..</c>; this is the second line).
    /// </summary>
    public static string PathUnder(string root, string name)
    {
        var fullRoot = Path.GetFullPath(root);
        var path = Path.GetFullPath(Path.Combine(fullRoot, Check(name).Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(fullRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' resolves outside '{root}'.", nameof(name));
        }

        return path;
    }
}
