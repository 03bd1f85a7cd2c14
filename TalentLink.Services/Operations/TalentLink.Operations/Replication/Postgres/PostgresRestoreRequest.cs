namespace TalentLink.Operations.Replication.Postgres;

/// <summary>
/// A point-in-time restore into a new data directory that TalentLink controls; the restored server
/// is started on <see cref="Port"/> and left running, promoted, when the restore returns.
/// </summary>
/// <param name="DataDirectory">Must not exist yet (or be empty).</param>
/// <param name="To">The instant to restore to; null for the newest shipped instant.</param>
/// <param name="Port">The port the restored server listens on.</param>
public sealed record PostgresRestoreRequest(string DataDirectory, DateTimeOffset? To, int Port)
{
    /// <summary>PostgreSQL's programs; default: found, of the backed-up server's major version.</summary>
    public string? BinDirectory { get; init; }

    public string ListenAddresses { get; init; } = "127.0.0.1";

    /// <summary>Where the restored server puts its Unix socket; default its data directory.</summary>
    public string? SocketDirectory { get; init; }

    /// <summary>How long recovery may take before the restore gives up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>What a restore did.</summary>
/// <param name="RecoveryTarget">The instant recovered to; null when every shipped transaction was replayed.</param>
public sealed record PostgresRestoreResult(
    string DataDirectory,
    int Port,
    DateTimeOffset? RecoveryTarget,
    PostgresBaseBackupInfo BaseBackup,
    int WalFiles,
    TimeSpan Duration);

/// <summary>Why a restore did not run; nothing was created or changed.</summary>
public sealed class PostgresRestoreRefusedException(string message, Exception? inner = null) : Exception(message, inner);
