using System.Globalization;
using System.Text;
using TalentLink.Data.Replication;

namespace TalentLink.Operations.Replication.Postgres;

/// <summary>
/// <c>talentlink backup status</c> in PostgreSQL mode: how far the shipped WAL reaches and how far
/// behind that is, the restorable window, the replica's size, and (in the worker) the receiver's state.
/// </summary>
public sealed record PostgresReplicationStatus(
    string Target,
    PostgresShippedPosition? LastShipped,
    TimeSpan? Lag,
    DateTimeOffset? RestorableFrom,
    DateTimeOffset? RestorableTo,
    string Window,
    int BaseBackups,
    int WalFiles,
    long ReplicaBytes,
    PostgresStreamerState? Streamer,
    string? ManagedServer)
{
    public static async Task<PostgresReplicationStatus> ReadAsync(
        IReplicaTarget target, TimeProvider time, PostgresStreamerState? streamer = null, PostgresServerConnection? server = null, CancellationToken cancellationToken = default)
    {
        if (server is { IsAzureManaged: true })
        {
            var managed = await PostgresServerRequirements.CheckAsync(server, null, cancellationToken);
            return new PostgresReplicationStatus(target.Description, null, null, null, null, "the provider's", 0, 0, 0, null, managed.Summary);
        }

        var catalog = await PostgresReplicaCatalog.ReadAsync(target, cancellationToken);
        var lag = catalog.Shipped is { } shipped ? time.GetUtcNow() - shipped.ShippedThrough : (TimeSpan?)null;
        return new PostgresReplicationStatus(
            target.Description, catalog.Shipped, lag, catalog.RestorableFrom, catalog.RestorableTo, catalog.DescribeWindow(),
            catalog.BaseBackups.Count, catalog.WalObjects.Count, catalog.TotalBytes, streamer, null);
    }

    public string Describe()
    {
        var text = new StringBuilder();
        if (ManagedServer is not null)
        {
            return text.AppendLine("PostgreSQL continuous backup: managed server").AppendLine(ManagedServer).ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL continuous backup to {Target}");
        text.AppendLine(LastShipped is { } shipped
            ? string.Create(CultureInfo.InvariantCulture, $"  last shipped:      WAL {shipped.Lsn} (segment {shipped.Segment}), every commit up to {shipped.ShippedThrough:yyyy-MM-dd HH:mm:ss.fff}Z")
            : "  last shipped:      nothing yet");
        text.AppendLine(Lag is { } lag ? string.Create(CultureInfo.InvariantCulture, $"  lag:               {lag.TotalSeconds:0.0} s") : "  lag:               -");
        text.AppendLine(CultureInfo.InvariantCulture, $"  restorable window: {Window}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  replica size:      {ReplicaBytes / (1024.0 * 1024):0.0} MB ({BaseBackups} base backups, {WalFiles} WAL files)");
        if (Streamer is { } streamer)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  pg_receivewal:     {(streamer.ReceiverProcessId is { } pid ? "running, pid " + pid : "NOT running")}, restarted {streamer.ReceiverRestarts} times");
            if (streamer.LastError is { } error)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  last problem:      {error}");
            }
        }

        return text.ToString();
    }
}
