using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace TalentLink.Data;

/// <summary>
/// Refreshes the database size every <see cref="Interval"/> and persists <see cref="CapacityStats"/>
/// (and once more at shutdown) for the operations <c>advise</c> command.
/// </summary>
internal sealed class CapacityStatsWriter(DatabaseMetrics metrics, string? statsDirectory) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                await RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RefreshAsync(CancellationToken.None);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            metrics.SizeBytes = await SizeAsync(metrics.Database, cancellationToken);
            if (statsDirectory is not null)
            {
                metrics.Snapshot().Save(statsDirectory);
            }
        }
        catch (Exception ex) when (ex is IOException or System.Data.Common.DbException or OperationCanceledException or UnauthorizedAccessException)
        {
            // Capacity figures are advisory; a missed refresh is retried on the next tick.
        }
    }

    public static async Task<long> SizeAsync(ServiceDatabase database, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            return SqliteFiles.PathOf(database.ConnectionString) is { } path ? FileLength(path) + FileLength(path + "-wal") : 0;
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var schema = PostgresSchemas.SchemaOf(database.ConnectionString);
        await using var command = schema is null
            ? new NpgsqlCommand("SELECT pg_database_size(current_database())", connection)
            : new NpgsqlCommand("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relkind IN ('r', 'm')", connection);
        command.Parameters.AddWithValue("schema", schema ?? "");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The stats folder: <c>Database:StatsDirectory</c>, else beside the SQLite file, else none.</summary>
    public static string? StatsDirectoryFor(ServiceDatabase database, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return database.Provider == DatabaseProvider.Sqlite
            && SqliteFiles.PathOf(database.ConnectionString) is { } file
            ? Path.GetDirectoryName(file)
            : null;
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
