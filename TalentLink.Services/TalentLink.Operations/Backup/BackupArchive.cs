using System.Globalization;

namespace TalentLink.Operations.Backup;

/// <summary>
/// Archive naming: <c>talentlink-20261125T020000Z.zip</c> is a verified (good) backup;
/// <c>…-failed.zip</c> failed its verification and never counts as a backup.
/// </summary>
public sealed record BackupArchive(string Path, DateTimeOffset CreatedAt, bool IsGood)
{
    private const string Prefix = "talentlink-";
    private const string StampFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string FailedSuffix = "-failed";

    public string FileName => System.IO.Path.GetFileName(Path);

    public static string GoodName(DateTimeOffset createdAt) => Prefix + Stamp(createdAt) + ".zip";

    public static string FailedName(DateTimeOffset createdAt) => Prefix + Stamp(createdAt) + FailedSuffix + ".zip";

    public static string Stamp(DateTimeOffset createdAt) => createdAt.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);

    /// <summary>The archives in a folder, newest first.</summary>
    public static IReadOnlyList<BackupArchive> In(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var archives = new List<BackupArchive>();
        foreach (var path in Directory.EnumerateFiles(directory, Prefix + "*.zip"))
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(path)[Prefix.Length..];
            var failed = name.EndsWith(FailedSuffix, StringComparison.Ordinal);
            var stamp = failed ? name[..^FailedSuffix.Length] : name;
            if (DateTimeOffset.TryParseExact(stamp, StampFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var createdAt))
            {
                archives.Add(new BackupArchive(path, createdAt, !failed));
            }
        }

        return archives.OrderByDescending(a => a.CreatedAt).ToList();
    }
}
