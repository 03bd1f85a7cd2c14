using System.Text.Json;

namespace TalentLink.Data.Replication;

/// <summary>
/// What a database's shipping has done, kept beside the database (<c>auth.db.replica.json</c>) and
/// rewritten atomically after every spooled segment, so a service killed mid-ship resumes exactly
/// where it stood: the generation, the next segment's number, and the WAL position read so far.
/// </summary>
public sealed record ReplicationState(
    string Generation,
    long NextIndex,
    WalPosition Wal,
    long BytesSinceSnapshot,
    DateTimeOffset LastSnapshotAt)
{
    public const string FileSuffix = ".replica.json";

    public static string PathFor(string databasePath) => databasePath + FileSuffix;

    public static ReplicationState? Load(string databasePath)
    {
        var path = PathFor(databasePath);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<ReplicationState>(File.ReadAllBytes(path), DatabaseTimeline.Json) : null;
        }
        catch (JsonException)
        {
            return null; // A damaged state file only costs a new generation.
        }
    }

    public void Save(string databasePath)
    {
        var path = PathFor(databasePath);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, this, DatabaseTimeline.Json);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>How one database's shipping stands, for health, metrics and status (set by the store's shipper).</summary>
public sealed class ReplicationStatus(string database)
{
    public string Database { get; } = database;

    public string? Generation { get; set; }

    /// <summary>Every commit before this instant is in the replica.</summary>
    public DateTimeOffset? ShippedThrough { get; set; }

    /// <summary>Bytes recorded but not yet in the replica.</summary>
    public long PendingBytes { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public long SegmentsShipped { get; set; }

    /// <summary>
    /// Set when this store cannot ship at all and only the daily archive protects it (messaging on a
    /// MongoDB server without change streams): the reason, said as it is by health and status.
    /// </summary>
    public string? DailyDumpOnly { get; set; }

    public TimeSpan Lag(DateTimeOffset now) => ShippedThrough is { } through ? (now - through).Duration() : TimeSpan.MaxValue;
}
