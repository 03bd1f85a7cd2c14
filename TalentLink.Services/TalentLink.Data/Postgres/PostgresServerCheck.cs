using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TalentLink.Data;

/// <summary>
/// Once a PostgreSQL service has started, compares the server with what the platform relies on
/// (<see cref="PostgresServerSettings"/>) and logs a warning naming each setting that differs, and one
/// when the services' pools together do not fit the server's <c>max_connections</c>. It never stops
/// the service: a server run differently still works, only slower or less safely.
/// </summary>
internal sealed class PostgresServerCheck(string connectionString, DatabaseOptions options, ILogger<PostgresServerCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyDictionary<string, PostgresServerSettings.Actual> server;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 10 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(stoppingToken);
            server = await PostgresServerSettings.ReadAsync(connection, stoppingToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            logger.LogInformation(e, "Could not read the PostgreSQL server's settings to check them.");
            return;
        }

        foreach (var difference in PostgresServerSettings.Differences(server))
        {
            logger.LogWarning("PostgreSQL server setting: {Difference} (docs/postgresql.md).", difference);
        }

        if (server.TryGetValue("max_connections", out var maxConnections)
            && PostgresServerSettings.PoolDifference(int.Parse(maxConnections.Setting, System.Globalization.CultureInfo.InvariantCulture), options) is { } pool)
        {
            logger.LogWarning("PostgreSQL connections: {Difference} (docs/postgresql.md).", pool);
        }
    }
}
