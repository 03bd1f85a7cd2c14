using System.Text.Json;
using TalentLink.Data.Replication;

namespace TalentLink.Operations.Replication.Postgres;

/// <summary>What a replica target holds of PostgreSQL: its base backups, its WAL and how far that reaches.</summary>
public sealed record PostgresReplicaCatalog(
    IReadOnlyList<PostgresBaseBackupInfo> BaseBackups,
    IReadOnlyList<ReplicaObject> WalObjects,
    PostgresShippedPosition? Shipped,
    long TotalBytes)
{
    /// <summary>The oldest instant a restore can reach: the first base backup that finished before the shipped WAL's end.</summary>
    public DateTimeOffset? RestorableFrom => Shipped is null ? null
        : BaseBackups.Where(b => b.FinishedAt <= Shipped.ShippedThrough).Select(b => (DateTimeOffset?)b.FinishedAt).Min();

    /// <summary>The newest instant a restore can reach.</summary>
    public DateTimeOffset? RestorableTo => RestorableFrom is null ? null : Shipped!.ShippedThrough;

    public string DescribeWindow() => RestorableFrom is { } from
        ? $"{from:yyyy-MM-dd HH:mm:ss.fff}Z to {RestorableTo:yyyy-MM-dd HH:mm:ss.fff}Z (UTC)"
        : BaseBackups.Count == 0 ? "empty (no base backup has been shipped yet)" : "empty (no WAL has been shipped since the first base backup finished)";

    /// <summary>Reads the catalog. A wrong key or a tampered state object throws the cipher's exception naming the object.</summary>
    public static async Task<PostgresReplicaCatalog> ReadAsync(IReplicaTarget target, CancellationToken cancellationToken = default)
    {
        var objects = await target.ListAllAsync(PostgresReplicaLayout.Root, cancellationToken);
        var bases = new List<PostgresBaseBackupInfo>();
        foreach (var info in objects.Where(o => o.Name.StartsWith(PostgresReplicaLayout.BasePrefix, StringComparison.Ordinal) && o.Name.EndsWith("/info.json", StringComparison.Ordinal)))
        {
            if (await ReadJsonAsync<PostgresBaseBackupInfo>(target, info.Name, cancellationToken) is { } backup)
            {
                bases.Add(backup);
            }
        }

        var shipped = await ReadJsonAsync<PostgresShippedPosition>(target, PostgresReplicaLayout.ShippedName, cancellationToken);
        var wal = objects.Where(o => o.Name.StartsWith(PostgresReplicaLayout.WalPrefix, StringComparison.Ordinal)).ToList();
        return new PostgresReplicaCatalog([.. bases.OrderBy(b => b.FinishedAt)], wal, shipped, objects.Sum(o => o.Length));
    }

    internal static async Task<T?> ReadJsonAsync<T>(IReplicaTarget target, string name, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await target.GetBytesAsync(name, cancellationToken);
        try
        {
            return bytes is null ? null : JsonSerializer.Deserialize<T>(bytes, PostgresReplicaLayout.Json);
        }
        catch (JsonException ex)
        {
            throw new ReplicaCorruptException($"{name} decrypted but is not valid: {ex.Message}", ex);
        }
    }

    internal static Task WriteJsonAsync<T>(IReplicaTarget target, string name, T value, CancellationToken cancellationToken) =>
        target.PutBytesAsync(name, JsonSerializer.SerializeToUtf8Bytes(value, PostgresReplicaLayout.Json), cancellationToken);
}
