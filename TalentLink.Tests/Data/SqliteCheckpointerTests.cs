using Microsoft.Data.Sqlite;
using TalentLink.Data;
using TalentLink.Tests.Operations;

namespace TalentLink.Tests.Data;

/// <summary>
/// A service's requests never checkpoint (wal_autocheckpoint=0); its background checkpointer must
/// still bring the WAL back after a backup snapshot held it open while writes kept coming.
/// </summary>
[Trait("Category", "integration")]
public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("talentlink-checkpoint-").FullName;

    [Fact]
    public async Task A_wal_that_grew_under_a_long_read_is_copied_back_and_restarted_while_the_writer_keeps_writing()
    {
        var path = Path.Combine(_directory, "offers.db");
        SteadyWriter.CreateTable(path, "applications", 1_000);
        using var checkpointer = new SqliteCheckpointer($"Data Source={path}");
        await checkpointer.StartAsync(CancellationToken.None);
        await using var writer = SteadyWriter.Start(path, "applications", serviceConnection: true);

        // A backup snapshot's read transaction: the WAL cannot be recycled while it is open.
        using (SteadyWriter.HoldReadTransaction(path, "applications"))
        {
            await WaitUntilAsync(() => LogFrames(path) > SqliteCheckpointer.RestartAfterFrames * 2, "the WAL to grow past twice the restart threshold");
        }

        var rowsBefore = writer.Rows;
        await WaitUntilAsync(() => checkpointer.Restarts > 0, "the checkpointer to restart the log");
        await WaitUntilAsync(() => LogFrames(path) < SqliteCheckpointer.RestartAfterFrames, "the WAL to be back under the restart threshold");

        await WaitUntilAsync(() => new FileInfo(path + "-wal").Length <= SqliteTuning.JournalSizeLimitBytes, "the WAL file to be back at its normal size");
        Assert.True(writer.Rows > rowsBefore, "the writer kept writing while the WAL was copied back");
        await checkpointer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void A_service_connection_leaves_the_wal_to_the_checkpointer()
    {
        var path = Path.Combine(_directory, "profiles.db");
        SteadyWriter.CreateTable(path, "profiles", 10);
        using var service = SqliteTuning.OpenConnection($"Data Source={path};Pooling=False", serviceConnection: true);
        using var insert = service.CreateCommand();
        insert.CommandText = "INSERT INTO profiles (body, created_at) VALUES ($body, 'now')";
        insert.Parameters.AddWithValue("$body", new string('x', 5_000));
        for (var i = 0; i < 3_000; i++)
        {
            insert.ExecuteNonQuery();
        }

        // SQLite's default checkpoints every 1,000 pages and then reuses the file (about 4 MB).
        var page = 4096 + 24;
        Assert.True(new FileInfo(path + "-wal").Length > SqliteCheckpointer.RestartAfterFrames * page);

        using var checkpointer = new SqliteCheckpointer($"Data Source={path}");
        Assert.Equal(0, checkpointer.CheckpointOnce());
        Assert.Equal(1, checkpointer.Restarts);

        // The next write starts the log from the beginning.
        insert.ExecuteNonQuery();
        Assert.True(LogFrames(path) < 100);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The WAL's length in frames, as a passive checkpoint reports it.</summary>
    private static int LogFrames(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt32(1);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
