using Microsoft.Data.Sqlite;
using TalentLink.Data;
using TalentLink.Tests.Operations;

namespace TalentLink.Tests.Data;

/// <summary>
/// After a backup snapshot the WAL is far past its normal size. A service's checkpointer cuts it
/// back a slice at a time, and must never cut a frame the database still needs.
/// </summary>
[Trait("Category", "integration")]
public sealed class SqliteWalShrinkerTests : IDisposable
{
    private const long Megabyte = 1024 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("talentlink-wal-shrink-").FullName;

    [Fact]
    public async Task A_wal_that_grew_during_a_snapshot_is_cut_back_in_slices_while_the_writer_keeps_writing()
    {
        var path = Path.Combine(_directory, "offers.db");
        SteadyWriter.CreateTable(path, "applications", 1_000);
        var writeQueue = new SqliteWriteQueue();
        using var checkpointer = new SqliteCheckpointer($"Data Source={path}", writeQueue: writeQueue);
        await checkpointer.StartAsync(CancellationToken.None);
        var writer = SteadyWriter.Start(path, "applications", serviceConnection: true, writeQueue);

        // A backup snapshot's read transaction: the WAL grows by everything written meanwhile.
        using (SteadyWriter.HoldReadTransaction(path, "applications"))
        {
            await WaitUntilAsync(() => WalLength(path) > SqliteTuning.JournalSizeLimitBytes + 3 * SqliteWalShrinker.StepBytes, "the WAL to grow well past its normal size");
        }

        var rowsBefore = writer.Rows;
        await WaitUntilAsync(() => WalLength(path) <= SqliteTuning.JournalSizeLimitBytes, "the WAL to be back at its normal size");
        await writer.WaitForRowsAsync(100);
        await writer.DisposeAsync();
        await checkpointer.StopAsync(CancellationToken.None);

        Assert.True(checkpointer.ShrinkSteps >= 3, $"the file was cut in slices of {SqliteWalShrinker.StepBytes / Megabyte} MB, not at once ({checkpointer.ShrinkSteps} cuts)");
        Assert.True(writer.Rows > rowsBefore, "the writer kept writing while the WAL was cut back");
        Assert.Equal(1_000 + writer.Rows, CountRows(path, "applications"));
        Assert.Equal("ok", IntegrityCheck(path));
    }

    [Fact]
    public void Only_frames_left_over_from_before_the_last_log_restart_are_cut()
    {
        var path = Path.Combine(_directory, "profiles.db");
        SteadyWriter.CreateTable(path, "profiles", 10);
        using var service = SqliteTuning.OpenConnection($"Data Source={path};Pooling=False", serviceConnection: true);
        Insert(service, rows: 3_000);
        var grown = WalLength(path);
        Assert.True(grown > 20 * Megabyte, $"the WAL grew ({grown / Megabyte} MB)");

        // Copied back and restarted, but no writer has begun the new generation: every frame is still current.
        using var checkpointer = new SqliteCheckpointer($"Data Source={path}");
        checkpointer.CheckpointOnce();
        Assert.Equal(grown, WalLength(path));
        Assert.Equal(0, ShrinkFully(service, path).CutBytes);

        // A new generation of a few frames starts at the beginning of the file; the rest is stale.
        Insert(service, rows: 5);
        using (var wal = File.OpenHandle(path + "-wal"))
        {
            var end = SqliteWalShrinker.CurrentLogEnd(wal, RandomAccess.GetLength(wal));
            Assert.InRange(end, 32 + 5 * (4096 + 24), 1 * Megabyte);
        }

        var cut = ShrinkFully(service, path).CutBytes;
        Assert.Equal(grown - WalLength(path), cut);
        Assert.True(WalLength(path) < 1 * Megabyte, $"cut down to the current generation ({WalLength(path)} bytes)");

        // Every committed row is still readable through the WAL, and writing carries on after the cut.
        Assert.Equal(10 + 3_005, CountRows(path, "profiles"));
        Insert(service, rows: 5);
        Assert.Equal(10 + 3_010, CountRows(path, "profiles"));
        Assert.Equal("ok", IntegrityCheck(path));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Cuts with a limit of 0 until nothing more can go; returns the total cut.</summary>
    private static SqliteWalShrinker.ShrinkResult ShrinkFully(SqliteConnection connection, string path)
    {
        long cut = 0;
        SqliteWalShrinker.ShrinkResult step;
        do
        {
            step = SqliteWalShrinker.ShrinkStep(connection, path + "-wal", limitBytes: 0);
            cut += step.CutBytes;
        }
        while (step.RemainingBytes > 0);

        return new SqliteWalShrinker.ShrinkResult(cut, 0);
    }

    private static void Insert(SqliteConnection connection, int rows)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO profiles (body, created_at) VALUES ($body, 'now')";
        insert.Parameters.AddWithValue("$body", new string('x', 5_000));
        for (var i = 0; i < rows; i++)
        {
            insert.ExecuteNonQuery();
        }
    }

    private static long WalLength(string path) => new FileInfo(path + "-wal") is { Exists: true } wal ? wal.Length : 0;

    private static long CountRows(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
