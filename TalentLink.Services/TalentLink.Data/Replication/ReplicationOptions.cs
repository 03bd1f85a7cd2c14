using System.ComponentModel.DataAnnotations;

namespace TalentLink.Data.Replication;

/// <summary>
/// The <c>Replication</c> section: continuous backup of every SQLite database and of the uploads.
/// It is on when a target and a key are both given; the AppHost gives both by default.
/// </summary>
public sealed class ReplicationOptions
{
    public const string SectionName = "Replication";

    /// <summary>The directory target (a second disk, a mounted share): the default, configured by this one key.</summary>
    public string? Directory { get; set; }

    /// <summary>An Azure Blob Storage connection string; when set, the replica goes there instead of <see cref="Directory"/>.</summary>
    public string? AzureBlobConnectionString { get; set; }

    /// <summary>The blob container (created on first use).</summary>
    public string AzureBlobContainer { get; set; } = "talentlink-replica";

    /// <summary>The operator's 32-byte key, base64. Never generated here, never written to the replica.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Older keys (base64) that objects may still be encrypted under, for reading after a rotation.</summary>
    public List<string> PreviousEncryptionKeys { get; set; } = [];

    /// <summary>How often each database ships what it committed (default 1 s, at least 100 ms).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A new base snapshot after this long (default a day)…</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>…or once the log shipped since the last snapshot passes this size (default 1 GB).</summary>
    [Range(1L << 20, long.MaxValue)]
    public long SnapshotAfterBytes { get; set; } = 1L << 30;

    /// <summary>Restorable window: what is older is pruned, except what the oldest restorable instant needs.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 7;

    /// <summary>Health turns Degraded when the oldest unshipped commit is older than this (default 10 s).</summary>
    public TimeSpan LagDegradedAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Segments waiting for an unreachable target are kept in a local spool up to this size (default
    /// 1 GB). Past it the spool is dropped, the gap is recorded, and a new snapshot starts a new timeline.
    /// </summary>
    [Range(1L << 20, long.MaxValue)]
    public long SpoolLimitBytes { get; set; } = 1L << 30;

    public bool HasTarget => !string.IsNullOrWhiteSpace(Directory) || !string.IsNullOrWhiteSpace(AzureBlobConnectionString);

    public bool Enabled => HasTarget && !string.IsNullOrWhiteSpace(EncryptionKey);

    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Why these options cannot run, or null when they can (used by ValidateOnStart and the command line).</summary>
    public string? Problem()
    {
        if (Interval < MinimumInterval)
        {
            return $"Replication:Interval is {Interval.TotalMilliseconds} ms; the shortest is {MinimumInterval.TotalMilliseconds} ms.";
        }

        if (HasTarget && string.IsNullOrWhiteSpace(EncryptionKey))
        {
            return "Replication has a target but no Replication:EncryptionKey: give a 32-byte key in base64 (openssl rand -base64 32).";
        }

        if (Enabled)
        {
            try
            {
                ReplicaKey.Parse(EncryptionKey, "Replication:EncryptionKey");
                foreach (var previous in PreviousEncryptionKeys)
                {
                    ReplicaKey.Parse(previous, "Replication:PreviousEncryptionKeys");
                }
            }
            catch (InvalidOperationException ex)
            {
                return ex.Message;
            }
        }

        return null;
    }
}
