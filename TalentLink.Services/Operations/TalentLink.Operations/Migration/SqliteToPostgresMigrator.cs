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
/// service's own PostgreSQL migrations; secondary indexes and foreign keys are dropped, rows go in
/// by binary COPY (each table truncated and frozen in its own transaction, identity sequences moved
/// past the highest id), then indexes and foreign keys are re-created. Each table is read back and
/// checksummed on its own connection as soon as it is committed, so verification runs while the
/// next table copies and while the indexes build, instead of after everything.
/// <para>
/// A run that fails puts the target back to an empty schema, so it can simply be run again; a run
/// that was killed leaves a marker table, and the next run starts that target afresh by itself.
/// </para>
/// </summary>
public sealed class SqliteToPostgresMigrator(ILogger<SqliteToPostgresMigrator> logger)
{
    /// <summary>Exists in the target only while a migration into it is under way.</summary>
    public const string InProgressMarker = "__talentlink_migration_in_progress";

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

        try
        {
            var tables = await CopyAndVerifyAsync(service, sqlite.Model.GetRelationalModel(), postgres.Model.GetRelationalModel(), sourceConnectionString, targetConnectionString, cancellationToken);
            return new ServiceMigration(service.DatabaseName, sqlitePath, targetConnectionString, tables, stopwatch.Elapsed);
        }
        catch
        {
            await using var connection = new NpgsqlConnection(targetConnectionString);
            await connection.OpenAsync(CancellationToken.None);
            await PostgresSchemaTools.ResetSchemaAsync(connection, CancellationToken.None);
            logger.LogWarning("{Service}: migration failed; the target was put back to an empty schema, run it again once the cause is fixed", service.DatabaseName);
            throw;
        }
    }

    private async Task<IReadOnlyList<TableMigration>> CopyAndVerifyAsync(
        ServiceContext service, IRelationalModel sqliteModel, IRelationalModel postgresModel,
        string sourceConnectionString, string targetConnectionString, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var verifications = new List<Task<TableMigration>>();
        try
        {
            await using var source = new SqliteConnection(sourceConnectionString);
            await using var connection = new NpgsqlConnection(targetConnectionString);
            await source.OpenAsync(stop.Token);
            await connection.OpenAsync(stop.Token);
            await PostgresSchemaTools.ExecuteAsync(connection, null, $"CREATE TABLE {PostgresSchemaTools.Quote(InProgressMarker)} ()", stop.Token);

            PostgresSchemaTools.DeferredDdl deferred;
            await using (var transaction = await connection.BeginTransactionAsync(stop.Token))
            {
                deferred = await PostgresSchemaTools.DeferIndexesAndForeignKeysAsync(connection, transaction, stop.Token);
                foreach (var sql in deferred.Drop)
                {
                    await PostgresSchemaTools.ExecuteAsync(connection, transaction, sql, stop.Token);
                }

                await transaction.CommitAsync(stop.Token);
            }

            foreach (var table in TablesInForeignKeyOrder(postgresModel))
            {
                var tableStopwatch = Stopwatch.StartNew();
                var sourceTable = sqliteModel.FindTable(table.Name, null)
                    ?? throw new InvalidOperationException($"Table {table.Name} of {service.PostgresContext.Name} has no SQLite counterpart in {service.SqliteContext.Name}.");
                TableChecksum checksum;
                await using (var transaction = await connection.BeginTransactionAsync(stop.Token))
                {
                    checksum = CopyTable(source, connection, sourceTable, table, stop.Token);
                    await PostgresSchemaTools.ResetSequencesAsync(connection, transaction, table.Name, table.Columns.Select(c => c.Name), stop.Token);
                    await transaction.CommitAsync(stop.Token);
                }

                var copyTime = tableStopwatch.Elapsed;
                logger.LogInformation("{Service} {Table}: {Rows:N0} rows copied in {Milliseconds} ms", service.DatabaseName, table.Name, checksum.Rows, (long)copyTime.TotalMilliseconds);
                verifications.Add(Task.Run(() => VerifyAsync(service, table, checksum, copyTime, targetConnectionString, stop.Token), stop.Token));
            }

            var indexing = Stopwatch.StartNew();
            await PostgresSchemaTools.ExecuteAsync(connection, null, $"SET maintenance_work_mem = '{IndexBuildMemory}'", stop.Token);
            foreach (var sql in deferred.Create)
            {
                await PostgresSchemaTools.ExecuteAsync(connection, null, sql, stop.Token);
            }

            logger.LogInformation("{Service}: {Count} indexes and foreign keys re-created in {Milliseconds} ms", service.DatabaseName, deferred.Create.Count, indexing.ElapsedMilliseconds);
            var verified = await Task.WhenAll(verifications);
            await PostgresSchemaTools.ExecuteAsync(connection, null, $"DROP TABLE {PostgresSchemaTools.Quote(InProgressMarker)}", stop.Token);
            return verified;
        }
        catch
        {
            // No read-back may outlive the run: the reset that follows drops what they read.
            await stop.CancelAsync();
            try
            {
                await Task.WhenAll(verifications);
            }
            catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException)
            {
            }

            throw;
        }
    }

    private async Task<TableMigration> VerifyAsync(ServiceContext service, ITable table, TableChecksum source, TimeSpan copyTime, string targetConnectionString, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(targetConnectionString);
        await connection.OpenAsync(cancellationToken);
        var target = await ChecksumAsync(connection, table, cancellationToken);
        logger.LogInformation("{Service} {Table}: {Rows:N0} rows read back and checksummed in {Milliseconds} ms", service.DatabaseName, table.Name, target.Rows, stopwatch.ElapsedMilliseconds);
        return new TableMigration(service.DatabaseName, table.Name, source.Rows, target.Rows, source.Value, target.Value, copyTime);
    }

    private async Task PrepareTargetAsync(ServiceContext service, DbContext postgres, bool replace, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)postgres.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using (var interrupted = new NpgsqlCommand("SELECT to_regclass(@marker) IS NOT NULL", connection))
            {
                interrupted.Parameters.AddWithValue("marker", PostgresSchemaTools.Quote(InProgressMarker));
                if ((bool)(await interrupted.ExecuteScalarAsync(cancellationToken))!)
                {
                    logger.LogWarning("{Service}: an earlier migration into this target was interrupted; starting it afresh", service.DatabaseName);
                    await PostgresSchemaTools.ResetSchemaAsync(connection, cancellationToken);
                    return;
                }
            }

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
            await PostgresSchemaTools.ResetSchemaAsync(connection, cancellationToken);
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
            // A table that refuses TRUNCATE (an append-only trail) is loaded without freezing.
            var freeze = !PostgresSchemaTools.HasTruncateTrigger(target, targetTable.Name);
            if (freeze)
            {
                using var truncate = new NpgsqlCommand($"TRUNCATE {PostgresSchemaTools.Quote(targetTable.Name)}", target);
                truncate.ExecuteNonQuery();
            }

            using var importer = target.BeginBinaryImport(
                $"COPY {PostgresSchemaTools.Quote(targetTable.Name)} ({columnList}) FROM STDIN (FORMAT BINARY{(freeze ? ", FREEZE" : "")})");
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
        // Sequential and synchronous: a read-back runs on a pool thread of its own, and a million
        // awaited rows cost about a fifth more CPU, which the index build beside it needs.
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        var checksum = new TableChecksum();
        var values = new object?[columns.Count];
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
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
