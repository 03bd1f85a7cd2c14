using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TalentLink.Operations.Catalog;

namespace TalentLink.Operations.Migration;

/// <summary>The target already holds rows; nothing was changed.</summary>
public sealed class TargetNotEmptyException(string message) : Exception(message);

/// <summary>One table's result: rows and checksum on both sides.</summary>
public sealed record TableMigration(string Service, string Table, long SourceRows, long TargetRows, string SourceChecksum, string TargetChecksum, TimeSpan CopyTime)
{
    public bool Matches => SourceRows == TargetRows && SourceChecksum == TargetChecksum;
}

public sealed record ServiceMigration(string Service, string SqlitePath, string TargetConnectionString, IReadOnlyList<TableMigration> Tables, TimeSpan Duration)
{
    public bool Matches => Tables.All(t => t.Matches);
}

/// <summary>
/// Copies one service's SQLite file into its PostgreSQL database. The schema comes from the
/// service's own PostgreSQL migrations; rows go in by binary COPY in foreign-key order inside one
/// transaction (with secondary indexes and foreign keys re-created after the load), identity
/// sequences are moved past the highest id, and then both sides are counted and checksummed.
/// A failed run rolls back to an empty schema, so it can simply be run again.
/// </summary>
public sealed class SqliteToPostgresMigrator(ILogger<SqliteToPostgresMigrator> logger)
{
    public Task<ServiceMigration> MigrateAsync(ServiceContext service, string sqlitePath, PostgresTarget target, bool replace, CancellationToken cancellationToken = default) =>
        MigrateAsync(service, sqlitePath, target.ConnectionStringFor(service.DatabaseName), replace, cancellationToken);

    public async Task<ServiceMigration> MigrateAsync(ServiceContext service, string sqlitePath, string targetConnectionString, bool replace, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var sourceConnectionString = new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

        await using var sqlite = service.CreateSqlite(sourceConnectionString);
        if ((await sqlite.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(sqlitePath)} is not at the latest {service.SqliteContext.Name} migration. Start the service once on SQLite so it migrates, then migrate.");
        }

        await using var postgres = service.CreatePostgres(targetConnectionString);
        await PostgresSchemas.EnsureCreatedAsync(postgres, cancellationToken);
        await PrepareTargetAsync(service, postgres, replace, cancellationToken);
        await postgres.Database.MigrateAsync(cancellationToken);

        logger.LogInformation("{Service}: schema ready (PostgreSQL migrations applied) after {Milliseconds} ms", service.DatabaseName, stopwatch.ElapsedMilliseconds);
        var tables = TablesInForeignKeyOrder(postgres.Model.GetRelationalModel());
        var sqliteModel = sqlite.Model.GetRelationalModel();
        var results = new List<(ITable Table, TableChecksum Source, TimeSpan Time)>();

        await using (var source = new SqliteConnection(sourceConnectionString))
        await using (var connection = new NpgsqlConnection(targetConnectionString))
        {
            await source.OpenAsync(cancellationToken);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Memory for re-creating the indexes after the load; this session only.
            await PostgresSchemaTools.ExecuteAsync(connection, transaction, $"SET LOCAL maintenance_work_mem = '{IndexBuildMemory}'", cancellationToken);
            var deferred = await PostgresSchemaTools.DeferIndexesAndForeignKeysAsync(connection, transaction, cancellationToken);
            foreach (var sql in deferred.Drop)
            {
                await PostgresSchemaTools.ExecuteAsync(connection, transaction, sql, cancellationToken);
            }

            foreach (var table in tables)
            {
                var tableStopwatch = Stopwatch.StartNew();
                var sourceTable = sqliteModel.FindTable(table.Name, null)
                    ?? throw new InvalidOperationException($"Table {table.Name} of {service.PostgresContext.Name} has no SQLite counterpart in {service.SqliteContext.Name}.");
                var checksum = CopyTable(source, connection, sourceTable, table, cancellationToken);
                await PostgresSchemaTools.ResetSequencesAsync(connection, transaction, table.Name, table.Columns.Select(c => c.Name), cancellationToken);
                logger.LogInformation("{Service} {Table}: {Rows:N0} rows copied in {Milliseconds} ms", service.DatabaseName, table.Name, checksum.Rows, tableStopwatch.ElapsedMilliseconds);
                results.Add((table, checksum, tableStopwatch.Elapsed));
            }

            var indexing = Stopwatch.StartNew();
            foreach (var sql in deferred.Create)
            {
                await PostgresSchemaTools.ExecuteAsync(connection, transaction, sql, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("{Service}: {Count} indexes and foreign keys re-created in {Milliseconds} ms", service.DatabaseName, deferred.Create.Count, indexing.ElapsedMilliseconds);
        }

        var verifying = Stopwatch.StartNew();

        // Each table is read back and checksummed on its own connection, in parallel.
        var verified = await Task.WhenAll(results.Select(async result =>
        {
            await using var connection = new NpgsqlConnection(targetConnectionString);
            await connection.OpenAsync(cancellationToken);
            var targetChecksum = await Task.Run(() => ChecksumAsync(connection, result.Table, cancellationToken), cancellationToken);
            return new TableMigration(service.DatabaseName, result.Table.Name, result.Source.Rows, targetChecksum.Rows, result.Source.Value, targetChecksum.Value, result.Time);
        }));

        logger.LogInformation("{Service}: counts and checksums verified in {Milliseconds} ms", service.DatabaseName, verifying.ElapsedMilliseconds);
        return new ServiceMigration(service.DatabaseName, sqlitePath, targetConnectionString, verified, stopwatch.Elapsed);
    }

    private static async Task PrepareTargetAsync(ServiceContext service, DbContext postgres, bool replace, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)postgres.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            var nonEmpty = new List<string>();
            foreach (var table in postgres.Model.GetRelationalModel().Tables)
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT to_regclass(@table) IS NOT NULL AND EXISTS (SELECT 1 FROM {PostgresSchemaTools.Quote(table.Name)} LIMIT 1)", connection);
                command.Parameters.AddWithValue("table", PostgresSchemaTools.Quote(table.Name));
                bool hasRows;
                try
                {
                    hasRows = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
                {
                    hasRows = false;
                }

                if (hasRows)
                {
                    nonEmpty.Add(table.Name);
                }
            }

            if (nonEmpty.Count == 0)
            {
                return;
            }

            if (!replace)
            {
                throw new TargetNotEmptyException(
                    $"The PostgreSQL target of {service.DatabaseName} already has rows in {string.Join(", ", nonEmpty)}. Pass --replace to drop and re-create it.");
            }

            // Replace: drop everything in the service's schema (tables, sequences, history) and start afresh.
            await using var currentSchema = new NpgsqlCommand("SELECT current_schema()", connection);
            var schema = PostgresSchemaTools.Quote((string)(await currentSchema.ExecuteScalarAsync(cancellationToken))!);
            await PostgresSchemaTools.ExecuteAsync(connection, null, $"DROP SCHEMA {schema} CASCADE; CREATE SCHEMA {schema};", cancellationToken);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>
    /// Reads, converts and checksums rows on one thread while another streams them into the binary
    /// COPY, so the SQLite side and the PostgreSQL side of the copy overlap.
    /// </summary>
    private static TableChecksum CopyTable(SqliteConnection source, NpgsqlConnection target, ITable sourceTable, ITable targetTable, CancellationToken cancellationToken)
    {
        var columns = CopiedColumns(targetTable).Select(c => c.Name).ToList();
        var readers = new Func<DbDataReader, object?>[columns.Count];
        var writers = new Action<NpgsqlBinaryImporter, object?>[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var sourceColumn = sourceTable.FindColumn(columns[i])
                ?? throw new InvalidOperationException($"Column {targetTable.Name}.{columns[i]} has no SQLite counterpart.");
            var targetColumn = targetTable.FindColumn(columns[i])!;
            if (ColumnAccessors.IsRawText(sourceColumn) != ColumnAccessors.IsRawText(targetColumn))
            {
                throw new InvalidOperationException(
                    $"Column {targetTable.Name}.{columns[i]} is plain text on one provider only ({sourceColumn.StoreType} vs {targetColumn.StoreType}); give both the same mapping.");
            }

            readers[i] = ColumnAccessors.Reader(sourceColumn, i);
            writers[i] = ColumnAccessors.Writer(targetColumn);
        }

        var columnList = string.Join(", ", columns.Select(PostgresSchemaTools.Quote));
        var checksum = new TableChecksum();
        using var batches = new BlockingCollection<object?[][]>(boundedCapacity: 8);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                using var select = source.CreateCommand();
                select.CommandText = $"SELECT {columnList} FROM {PostgresSchemaTools.Quote(sourceTable.Name)}";
                using var reader = select.ExecuteReader();
                var batch = new List<object?[]>(RowsPerBatch);
                while (reader.Read())
                {
                    var values = new object?[readers.Length];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = readers[i](reader);
                    }

                    checksum.AddRow(values);
                    batch.Add(values);
                    if (batch.Count == RowsPerBatch)
                    {
                        batches.Add([.. batch], stop.Token);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    batches.Add([.. batch], stop.Token);
                }
            }
            finally
            {
                batches.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            // Truncated in this transaction, the table can take frozen rows: nothing later (the
            // verification's read-back, the first queries) has to rewrite every page to set hint bits.
            using (var truncate = new NpgsqlCommand($"TRUNCATE {PostgresSchemaTools.Quote(targetTable.Name)}", target))
            {
                truncate.ExecuteNonQuery();
            }

            using var importer = target.BeginBinaryImport($"COPY {PostgresSchemaTools.Quote(targetTable.Name)} ({columnList}) FROM STDIN (FORMAT BINARY, FREEZE)");
            importer.Timeout = TimeSpan.Zero;
            foreach (var batch in batches.GetConsumingEnumerable(stop.Token))
            {
                foreach (var row in batch)
                {
                    importer.StartRow();
                    for (var i = 0; i < row.Length; i++)
                    {
                        writers[i](importer, row[i]);
                    }
                }
            }

            producer.GetAwaiter().GetResult(); // surface a read failure before completing the COPY
            importer.Complete();
        }
        catch
        {
            stop.Cancel();
            try { producer.Wait(CancellationToken.None); } catch (AggregateException) { }
            throw;
        }

        return checksum;
    }

    private const int RowsPerBatch = 2_000;

    private const string IndexBuildMemory = "256MB";

    /// <summary>The columns that carry data: generated ones (e.g. a tsvector) are computed by PostgreSQL itself.</summary>
    private static IEnumerable<IColumn> CopiedColumns(ITable table) => table.Columns.Where(c => c.ComputedColumnSql is null);

    private static async Task<TableChecksum> ChecksumAsync(NpgsqlConnection connection, ITable table, CancellationToken cancellationToken)
    {
        var columns = CopiedColumns(table).ToList();
        var readers = columns.Select((c, i) => ColumnAccessors.Reader(c, i)).ToArray();
        await using var command = new NpgsqlCommand(
            $"SELECT {string.Join(", ", columns.Select(c => ColumnAccessors.PostgresSelectExpression(c, PostgresSchemaTools.Quote(c.Name))))} FROM {PostgresSchemaTools.Quote(table.Name)}", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var checksum = new TableChecksum();
        var values = new object?[columns.Count];
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = readers[i](reader);
            }

            checksum.AddRow(values);
        }

        return checksum;
    }

    /// <summary>Principal tables before their dependents (self-references ignored).</summary>
    public static IReadOnlyList<ITable> TablesInForeignKeyOrder(IRelationalModel model)
    {
        var ordered = new List<ITable>();
        var visited = new HashSet<ITable>();
        void Visit(ITable table)
        {
            if (!visited.Add(table))
            {
                return;
            }

            foreach (var foreignKey in table.ForeignKeyConstraints.Where(fk => fk.PrincipalTable != table))
            {
                Visit(foreignKey.PrincipalTable);
            }

            ordered.Add(table);
        }

        foreach (var table in model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Visit(table);
        }

        return ordered;
    }
}
