namespace TalentLink.Operations.Replication.Postgres;

/// <summary>
/// How PostgreSQL's WAL is streamed, based and kept. The target, key, interval and retention come
/// from the shared <c>Replication</c> section; these are the PostgreSQL-only parts.
/// </summary>
public sealed class PostgresContinuousBackupOptions
{
    /// <summary>The server (any database on it; the replication itself is of the whole server).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Where <c>pg_receivewal</c> writes before a segment is uploaded.</summary>
    public required string SpoolDirectory { get; init; }

    /// <summary>PostgreSQL's programs; default: found (see <see cref="PostgresBinaries.Find"/>).</summary>
    public string? BinDirectory { get; init; }

    /// <summary>The physical replication slot that keeps the server from recycling WAL the receiver has not written.</summary>
    public string SlotName { get; init; } = "talentlink_wal";

    /// <summary>How often what the receiver wrote is shipped to the target (the ~1 s RPO).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A new base backup after this long.</summary>
    public TimeSpan BaseBackupInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Base backups (and the WAL they need) older than this are pruned, except the newest such one.</summary>
    public int RetentionDays { get; init; } = 7;

    /// <summary>The first wait before <c>pg_receivewal</c> is restarted after it exits; doubled up to 30 s while it keeps failing.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
