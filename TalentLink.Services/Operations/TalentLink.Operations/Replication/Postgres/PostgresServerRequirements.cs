using System.Globalization;
using Npgsql;
using Npgsql.Replication;

namespace TalentLink.Operations.Replication.Postgres;

/// <summary>What the server offers for continuous backup, and each missing setting named with its fix.</summary>
public sealed record PostgresRequirementsReport(bool IsManaged, IReadOnlyList<string> Problems, int? ServerMajorVersion, string Summary)
{
    /// <summary>WAL can be streamed from this server by TalentLink.</summary>
    public bool CanStream => !IsManaged && Problems.Count == 0;
}

/// <summary>
/// Checks a server for what <c>pg_receivewal</c> and <c>pg_basebackup</c> need: <c>wal_level</c>
/// replica or logical, <c>max_wal_senders</c> ≥ 2 (the receiver and a base backup at once),
/// <c>max_replication_slots</c> ≥ 1 (the slot that keeps WAL until it is received), a role with
/// REPLICATION, a pg_hba.conf line that admits its replication connections, and PostgreSQL's
/// programs of the server's major version. Azure Database for PostgreSQL is recognised by its
/// host name: there the provider's own point-in-time restore applies.
/// </summary>
public static class PostgresServerRequirements
{
    public const int MinimumWalSenders = 2;

    public static async Task<PostgresRequirementsReport> CheckAsync(PostgresServerConnection server, string? binDirectory, CancellationToken cancellationToken = default)
    {
        if (server.IsAzureManaged)
        {
            return new PostgresRequirementsReport(true, [], null,
                $"{server.Host} is Azure Database for PostgreSQL: WAL cannot be streamed out of it; use the provider's own point-in-time restore " +
                "(Azure portal → Restore, or az postgres flexible-server restore --restore-time <instant>), within its backup retention (7 days by default, up to 35).");
        }

        var problems = new List<string>();
        int major;
        await using (var connection = server.Open())
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException)
            {
                return new PostgresRequirementsReport(false, [$"Cannot connect to {server.Description}: {ex.Message}"], null, $"Cannot connect to {server.Description}.");
            }

            major = int.Parse(await ScalarAsync(connection, "SHOW server_version_num", cancellationToken), CultureInfo.InvariantCulture) / 10000;
            var walLevel = await ScalarAsync(connection, "SHOW wal_level", cancellationToken);
            if (walLevel is not ("replica" or "logical"))
            {
                problems.Add($"wal_level is '{walLevel}': set wal_level = replica (or logical) in postgresql.conf and restart the server.");
            }

            var senders = int.Parse(await ScalarAsync(connection, "SHOW max_wal_senders", cancellationToken), CultureInfo.InvariantCulture);
            if (senders < MinimumWalSenders)
            {
                problems.Add($"max_wal_senders is {senders}: set max_wal_senders = {MinimumWalSenders} or more (pg_receivewal and pg_basebackup each use one) and restart the server.");
            }

            var slots = int.Parse(await ScalarAsync(connection, "SHOW max_replication_slots", cancellationToken), CultureInfo.InvariantCulture);
            if (slots < 1)
            {
                problems.Add($"max_replication_slots is {slots}: set max_replication_slots = 1 or more (one slot keeps the WAL until pg_receivewal has it) and restart the server.");
            }

            var canReplicate = await ScalarAsync(connection, "SELECT (rolreplication OR rolsuper)::text FROM pg_roles WHERE rolname = current_user", cancellationToken);
            if (canReplicate != "true")
            {
                problems.Add($"Role {server.Username} has no REPLICATION attribute: ALTER ROLE \"{server.Username}\" REPLICATION; (or connect as a role that has it).");
            }
        }

        if (problems.Count == 0)
        {
            await CheckReplicationConnectionAsync(server, problems, cancellationToken);
        }

        if (PostgresBinaries.Find(binDirectory, out var missing, major) is null)
        {
            problems.Add($"The server is PostgreSQL {major}; {missing}");
        }

        return new PostgresRequirementsReport(false, problems, major, problems.Count == 0
            ? $"PostgreSQL {major} at {server.Description} is ready for continuous backup (pg_receivewal + pg_basebackup)."
            : $"PostgreSQL {major} at {server.Description} cannot be backed up continuously yet:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)));
    }

    private static async Task CheckReplicationConnectionAsync(PostgresServerConnection server, List<string> problems, CancellationToken cancellationToken)
    {
        await using var replication = new PhysicalReplicationConnection(server.Open().ConnectionString);
        try
        {
            await replication.Open(cancellationToken);
            await replication.IdentifySystem(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidAuthorizationSpecification && ex.MessageText.Contains("pg_hba.conf", StringComparison.Ordinal))
        {
            problems.Add($"pg_hba.conf does not admit replication connections for {server.Username}: add a line such as 'host replication {server.Username} <this host's address>/32 scram-sha-256' and reload the server (SELECT pg_reload_conf()). The server said: {ex.MessageText}");
        }
        catch (PostgresException ex)
        {
            problems.Add($"A replication connection as {server.Username} was refused: {ex.MessageText}");
        }
        catch (NpgsqlException ex)
        {
            problems.Add($"A replication connection to {server.Description} failed: {ex.Message}");
        }
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? "";
    }
}
