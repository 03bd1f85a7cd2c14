using System.Globalization;
using System.Security.Cryptography;

namespace TalentLink.Data.Replication;

/// <summary>
/// The names of everything in a replica, written and parsed in this one place:
/// <code>
/// databases/&lt;db&gt;/&lt;generation&gt;/snapshots/&lt;index&gt;-&lt;unix ms&gt;.db   the database after segment &lt;index&gt;
/// databases/&lt;db&gt;/&lt;generation&gt;/wal/&lt;index&gt;-&lt;unix ms&gt;.seg        one shipping tick's commits, recorded at that time
/// databases/&lt;db&gt;/shipped                                       how far the replica is complete (JSON)
/// databases/&lt;db&gt;/gaps/&lt;unix ms&gt;.json                             a recorded hole in the window
/// uploads/files/&lt;stored name&gt;                                      an uploaded file (write-once)
/// uploads/events/&lt;unix ms&gt;-&lt;put|del&gt;-&lt;stored name&gt;                when it appeared or was deleted
/// uploads/shipped
/// </code>
/// A generation is one unbroken chain of snapshots and segments; a new one starts when continuity
/// cannot be proven (a service start after a clean stop, a restore, a gap). Its id starts with its
/// start time, so generations sort by age.
/// </summary>
public static class ReplicaLayout
{
    public const string DatabasesPrefix = "databases/";
    public const string UploadsFilesPrefix = "uploads/files/";
    public const string UploadsEventsPrefix = "uploads/events/";
    public const string UploadsShipped = "uploads/shipped";
    public const string SnapshotExtension = ".db";
    public const string SegmentExtension = ".seg";

    public static string DatabasePrefix(string database) => DatabasesPrefix + ReplicaNames.Check(database) + "/";

    public static string Shipped(string database) => DatabasePrefix(database) + "shipped";

    public static string Gap(string database, DateTimeOffset at) => DatabasePrefix(database) + "gaps/" + Stamp(at) + ".json";

    public static string Snapshot(string database, string generation, long index, DateTimeOffset at) =>
        $"{DatabasePrefix(database)}{generation}/snapshots/{Index(index)}-{Stamp(at)}{SnapshotExtension}";

    public static string Segment(string database, string generation, long index, DateTimeOffset at) =>
        $"{DatabasePrefix(database)}{generation}/wal/{Index(index)}-{Stamp(at)}{SegmentExtension}";

    public static string UploadFile(string storedName) => UploadsFilesPrefix + ReplicaNames.Check(storedName);

    public static string UploadEvent(DateTimeOffset at, bool deleted, string storedName) =>
        $"{UploadsEventsPrefix}{Stamp(at)}-{(deleted ? "del" : "put")}-{ReplicaNames.Check(storedName)}";

    public static string NewGeneration(DateTimeOffset at) => Stamp(at) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>A database's replica name: its file name without the extension, lower-cased (<c>auth.db</c> → <c>auth</c>).</summary>
    public static string DatabaseName(string databasePath) => ReplicaNames.Check(Path.GetFileNameWithoutExtension(databasePath).ToLowerInvariant());

    public static string Index(long index) => index.ToString("D12", CultureInfo.InvariantCulture);

    public static string Stamp(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString("D13", CultureInfo.InvariantCulture);

    public static DateTimeOffset GenerationStart(string generation) => ParseStamp(generation.Split('-')[0]) ?? DateTimeOffset.MinValue;

    /// <summary>Parses <c>&lt;index&gt;-&lt;stamp&gt;&lt;extension&gt;</c>, or null when the name is not of that shape.</summary>
    public static (long Index, DateTimeOffset At)? ParseIndexed(string fileName, string extension)
    {
        if (!fileName.EndsWith(extension, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = fileName[..^extension.Length].Split('-');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && ParseStamp(parts[1]) is { } at
            ? (index, at)
            : null;
    }

    public static DateTimeOffset? ParseStamp(string stamp) =>
        stamp.Length == 13 && long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
