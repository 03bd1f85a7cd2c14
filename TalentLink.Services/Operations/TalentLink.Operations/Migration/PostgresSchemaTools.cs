using Npgsql;

namespace TalentLink.Operations.Migration;

/// <summary>Catalog queries and DDL the migrator runs on the target, inside its transaction.</summary>
internal static class PostgresSchemaTools
{
    /// <summary>Secondary indexes and foreign keys, dropped before the bulk copy and re-created after it.</summary>
    public sealed record DeferredDdl(IReadOnlyList<string> Drop, IReadOnlyList<string> Create);

    public static async Task<DeferredDdl> DeferIndexesAndForeignKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var drop = new List<string>();
        var create = new List<string>();
        const string foreignKeys = """
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
            FROM pg_constraint
            WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
            """;
        const string indexes = """
            SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """;
        foreach (var sql in new[] { foreignKeys, indexes })
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                drop.Add(reader.GetString(0));
                create.Add(reader.GetString(1));
            }
        }

        // Indexes first, then the foreign keys that may rely on them.
        create.Reverse();
        return new DeferredDdl(drop, create);
    }

    /// <summary>Moves every serial/identity sequence past the highest value copied, so new rows insert.</summary>
    public static async Task ResetSequencesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        foreach (var column in columns)
        {
            await using var find = new NpgsqlCommand("SELECT pg_get_serial_sequence(@table, @column)", connection, transaction);
            find.Parameters.AddWithValue("table", Quote(table));
            find.Parameters.AddWithValue("column", column);
            if (await find.ExecuteScalarAsync(cancellationToken) is not string sequence)
            {
                continue;
            }

            await using var reset = new NpgsqlCommand(
                $"SELECT setval(@sequence, COALESCE((SELECT MAX({Quote(column)}) FROM {Quote(table)}), 0) + 1, false)", connection, transaction);
            reset.Parameters.AddWithValue("sequence", sequence);
            await reset.ExecuteScalarAsync(cancellationToken);
        }
    }

    /// <summary>Whether a user trigger fires on TRUNCATE of the table (pg_trigger.tgtype bit 5).</summary>
    public static bool HasTruncateTrigger(NpgsqlConnection connection, string table)
    {
        using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass(@table) AND NOT tgisinternal AND (tgtype & 32) <> 0)", connection);
        command.Parameters.AddWithValue("table", Quote(table));
        return (bool)command.ExecuteScalar()!;
    }

    /// <summary>Drops everything in the connection's current schema (tables, sequences, migration history) and re-creates it empty.</summary>
    public static async Task ResetSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var currentSchema = new NpgsqlCommand("SELECT current_schema()", connection);
        var schema = Quote((string)(await currentSchema.ExecuteScalarAsync(cancellationToken))!);
        await ExecuteAsync(connection, null, $"DROP SCHEMA {schema} CASCADE; CREATE SCHEMA {schema};", cancellationToken);
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
