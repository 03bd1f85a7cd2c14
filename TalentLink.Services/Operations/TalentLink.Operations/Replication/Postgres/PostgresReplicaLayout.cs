using System.Globalization;
using System.Text.Json;

namespace TalentLink.Operations.Replication.Postgres;

/// <summary>
/// Where PostgreSQL's backup lives in a replica target (names are lower-case, as replica names must be):
/// <code>
/// postgres/base/&lt;stamp&gt;/base.tar         pg_basebackup's tar of the data directory (-X none)
/// postgres/base/&lt;stamp&gt;/backup_manifest  its manifest
/// postgres/base/&lt;stamp&gt;/info.json        written last: the base is complete (see PostgresBaseBackupInfo)
/// postgres/wal/&lt;segment&gt;                 a finished 16 MB WAL segment, as pg_receivewal wrote it
/// postgres/wal/&lt;segment&gt;.current         the segment pg_receivewal is writing (its .partial), re-uploaded as it grows
/// postgres/wal/&lt;timeline&gt;.history        timeline history
/// postgres/shipped.json                   how far the WAL in the target reaches (PostgresShippedPosition)
/// </code>
/// </summary>
public static class PostgresReplicaLayout
{
    public const string Root = "postgres/";
    public const string BasePrefix = Root + "base/";
    public const string WalPrefix = Root + "wal/";
    public const string ShippedName = Root + "shipped.json";
    /// <summary>pg_receivewal's name for the segment it is writing.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>That segment's name in the replica (a directory target hides its own <c>.partial</c> files from listings).</summary>
    public const string CurrentSuffix = ".current";

    public static string BaseObject(string stamp, string file) => BasePrefix + stamp + "/" + file;

    public static string WalObject(string walFileName) => WalPrefix + walFileName.ToLowerInvariant();

    /// <summary>The object the growing segment is shipped as.</summary>
    public static string CurrentObject(string segment) => WalPrefix + segment.ToLowerInvariant() + CurrentSuffix;

    /// <summary>The name PostgreSQL asks <c>restore_command</c> for (upper-case hex, no <c>.current</c>).</summary>
    public static string WalFileName(string objectName)
    {
        var name = objectName[WalPrefix.Length..];
        if (name.EndsWith(CurrentSuffix, StringComparison.Ordinal))
        {
            name = name[..^CurrentSuffix.Length];
        }

        return name.EndsWith(".history", StringComparison.Ordinal) ? name[..^".history".Length].ToUpperInvariant() + ".history" : name.ToUpperInvariant();
    }

    /// <summary>A segment's name: 24 hex digits (timeline, then position).</summary>
    public static bool IsSegment(string fileName) => fileName.Length == 24 && fileName.All(Uri.IsHexDigit);

    /// <summary>A timeline history file's name: 8 hex digits and <c>.history</c>.</summary>
    public static bool IsHistory(string fileName) => fileName.Length == 16 && fileName.EndsWith(".history", StringComparison.Ordinal) && fileName[..8].All(Uri.IsHexDigit);

    /// <summary>The segment's position in the WAL, whatever its timeline (the last 16 hex digits).</summary>
    public static ulong SegmentPosition(string segment) => ulong.Parse(segment.AsSpan(8, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>The stamp a base backup's folder is named by; it sorts in time order.</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'-'HHmmss'-'fff", CultureInfo.InvariantCulture);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>
/// One base backup. It can be restored to any instant from <see cref="FinishedAt"/> (the copy is
/// consistent once the WAL up to its end is replayed) up to the newest shipped WAL.
/// </summary>
public sealed record PostgresBaseBackupInfo(
    string Stamp,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int Timeline,
    string StartLsn,
    string StartSegment,
    int ServerMajorVersion,
    long Bytes);

/// <summary>
/// How far the WAL in the target reaches: every transaction the server had committed by
/// <see cref="ShippedThrough"/> (its WAL flushed up to <see cref="Lsn"/>) is in the target.
/// </summary>
public sealed record PostgresShippedPosition(DateTimeOffset ShippedThrough, string Lsn, string Segment, DateTimeOffset UploadedAt);
