namespace TalentLink.Operations.Backup;

/// <summary>An archive names a path that would land outside its target folder; nothing was written.</summary>
public sealed class UnsafeArchivePathException(string message) : Exception(message);

/// <summary>
/// Archives are untrusted input: every entry name and every path a manifest names is checked here
/// before anything is extracted, by the verifier and by restore alike. A safe name is relative, uses
/// <c>/</c> between its segments, and has no empty, <c>.</c> or <c>..</c> segment, no backslash, no
/// drive letter and no control character, so joined to a target folder it stays inside it.
/// </summary>
public static class ArchivePaths
{
    /// <summary>Why <paramref name="name"/> is not a safe relative archive path, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "is empty";
        }

        if (name.Any(char.IsControl))
        {
            return "contains a control character";
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return "contains a backslash";
        }

        if (name.StartsWith('/') || Path.IsPathRooted(name) || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])))
        {
            return "is an absolute path";
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment is "..")
            {
                return "climbs out of its folder with '..'";
            }

            if (segment is "" or ".")
            {
                return "has an empty or '.' segment";
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="name"/> is not a plain file name (one safe segment), or null when it is.</summary>
    public static string? FileNameProblem(string? name) =>
        Problem(name) ?? (name!.Contains('/', StringComparison.Ordinal) ? "is not a plain file name" : null);

    /// <summary>The message naming an unsafe entry, used in verification problems and refusals alike.</summary>
    public static string Describe(string? name, string problem) =>
        $"Unsafe archive entry '{name}': it {problem}, so it could be written outside its target folder. The archive is refused.";

    /// <summary>
    /// <paramref name="root"/> joined with the archive path <paramref name="name"/>, checked to stay
    /// inside <paramref name="root"/>; throws <see cref="UnsafeArchivePathException"/> otherwise.
    /// </summary>
    public static string Resolve(string root, string name, bool plainFileName = false)
    {
        if ((plainFileName ? FileNameProblem(name) : Problem(name)) is { } problem)
        {
            throw new UnsafeArchivePathException(Describe(name, problem));
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(fullRoot, name.Replace('/', Path.DirectorySeparatorChar)));
        return path.StartsWith(fullRoot, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
            ? path
            : throw new UnsafeArchivePathException(Describe(name, "resolves outside its target folder"));
    }
}
