using TalentLink.Data.Replication;
using TalentLink.Operations.Replication.Postgres;
using TalentLink.Tests.Operations.PostgresPointInTime;
using Xunit.Abstractions;

namespace TalentLink.Tests.Operations;

/// <summary>
/// PostgreSQL continuous backup end to end, on a cluster each test makes itself: pg_receivewal's WAL
/// and a pg_basebackup base shipped to an encrypted directory target, restored to an instant into a
/// fresh data directory by PostgreSQL's own recovery, started on another free port and read back.
/// </summary>
[Trait("Category", "integration")]
public sealed class PostgresPointInTimeRestoreTests(ITestOutputHelper output)
{
    [PostgresBinariesFact]
    public async Task Restoring_to_an_instant_brings_back_exactly_the_rows_committed_by_then()
    {
        await using var source = await StreamedSource.StartAsync(output);
        await source.Cluster.ExecuteAsync("CREATE TABLE items (id bigint PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 10)");
        await Task.Delay(300);
        var instant = DateTimeOffset.UtcNow;
        await Task.Delay(300);
        await source.Cluster.ExecuteAsync("INSERT INTO items SELECT generate_series(11, 20)");
        await Task.Delay(2000);
        await source.WaitUntilShippedAsync(DateTimeOffset.UtcNow);

        var status = await PostgresReplicationStatus.ReadAsync(source.Target, TimeProvider.System, source.Streamer.State);
        output.WriteLine(status.Describe());
        Assert.True(status.Lag < TimeSpan.FromSeconds(3), status.Describe());
        Assert.True(status.RestorableFrom < instant && instant < status.RestorableTo, status.Describe());
        Assert.True(status.ReplicaBytes > 0 && status.BaseBackups == 1 && status.WalFiles > 0, status.Describe());
        Assert.NotNull(status.Streamer?.ReceiverProcessId);

        var restored = await RestoreAsync(source, instant);

        Assert.Equal(instant, restored.RecoveryTarget);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), await StreamedSource.IdsAsync(restored.Port, "items"));
    }

    [PostgresBinariesFact]
    public async Task Restoring_the_newest_shipped_instant_keeps_a_row_committed_a_second_and_a_half_before_the_loss()
    {
        await using var source = await StreamedSource.StartAsync(output);
        await source.Cluster.ExecuteAsync("CREATE TABLE items (id bigint PRIMARY KEY); INSERT INTO items VALUES (1)");
        await Task.Delay(1000);
        await source.Cluster.ExecuteAsync("INSERT INTO items VALUES (2)");
        var committed = DateTimeOffset.UtcNow;
        await Task.Delay(1500);
        await source.Cluster.StopImmediatelyAsync();

        var catalog = await PostgresReplicaCatalog.ReadAsync(source.Target);
        Assert.True(catalog.RestorableTo >= committed, $"The newest shipped instant {catalog.RestorableTo:O} is before the commit at {committed:O}.");
        var restored = await RestoreAsync(source, to: null);

        Assert.Null(restored.RecoveryTarget);
        Assert.Equal(new long[] { 1, 2 }, await StreamedSource.IdsAsync(restored.Port, "items"));
    }

    [PostgresBinariesFact]
    public async Task An_instant_outside_the_restorable_window_is_refused_with_the_window_and_nothing_is_created()
    {
        await using var source = await StreamedSource.StartAsync(output);
        var catalog = await PostgresReplicaCatalog.ReadAsync(source.Target);
        var dataDirectory = Path.Combine(source.Root, "restored-outside", "data");

        var before = await Assert.ThrowsAsync<PostgresRestoreRefusedException>(() =>
            source.Restore().RestoreAsync(new PostgresRestoreRequest(dataDirectory, catalog.RestorableFrom!.Value.AddMinutes(-5), TestMachine.FreePort())));
        var after = await Assert.ThrowsAsync<PostgresRestoreRefusedException>(() =>
            source.Restore().RestoreAsync(new PostgresRestoreRequest(dataDirectory, DateTimeOffset.UtcNow.AddMinutes(5), TestMachine.FreePort())));

        Assert.Contains("outside the restorable window", before.Message);
        Assert.Contains($"{catalog.RestorableFrom:yyyy-MM-dd HH:mm:ss.fff}Z to ", before.Message);
        Assert.Contains("before the oldest base backup", before.Message);
        Assert.Contains("after the newest shipped WAL", after.Message);
        Assert.False(Directory.Exists(dataDirectory));
    }

    [PostgresBinariesFact]
    public async Task A_restore_with_the_wrong_key_or_a_tampered_base_is_refused_and_nothing_is_created()
    {
        await using var source = await StreamedSource.StartAsync(output);
        var dataDirectory = Path.Combine(source.Root, "restored-refused", "data");

        var wrongKey = await Assert.ThrowsAsync<PostgresRestoreRefusedException>(() =>
            source.Restore(source.TargetWithKey(ReplicaKey.NewBase64())).RestoreAsync(new PostgresRestoreRequest(dataDirectory, null, TestMachine.FreePort())));
        Assert.IsType<ReplicaKeyMismatchException>(wrongKey.InnerException);
        Assert.False(Directory.Exists(dataDirectory));

        var baseTar = Directory.GetFiles(source.ReplicaDirectory, PostgresBaseBackup.TarName, SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(baseTar);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(baseTar, bytes);
        var tampered = await Assert.ThrowsAsync<PostgresRestoreRefusedException>(() =>
            source.Restore().RestoreAsync(new PostgresRestoreRequest(dataDirectory, null, TestMachine.FreePort())));
        Assert.IsType<ReplicaCorruptException>(tampered.InnerException);
        Assert.Contains("base.tar", tampered.Message);
        Assert.False(Directory.Exists(dataDirectory));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(dataDirectory)!));
    }

    [PostgresBinariesFact]
    public async Task A_killed_pg_receivewal_is_restarted_and_shipping_continues_without_a_gap()
    {
        await using var source = await StreamedSource.StartAsync(output);
        await source.Cluster.ExecuteAsync("CREATE TABLE items (id bigint PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 5)");
        await source.WaitUntilShippedAsync(DateTimeOffset.UtcNow);
        var first = source.Streamer.ReceiverProcessId!.Value;

        System.Diagnostics.Process.GetProcessById(first).Kill();
        // Written while the receiver is down, and enough to finish a segment meanwhile (the slot keeps it).
        await source.Cluster.ExecuteAsync("INSERT INTO items SELECT generate_series(6, 10); SELECT pg_switch_wal(); INSERT INTO items VALUES (11)");
        var written = DateTimeOffset.UtcNow;
        await source.WaitUntilShippedAsync(written);

        Assert.True(source.Streamer.State.ReceiverRestarts >= 1);
        Assert.NotEqual(first, source.Streamer.ReceiverProcessId);
        await source.Cluster.StopImmediatelyAsync();
        var restored = await RestoreAsync(source, to: null);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), await StreamedSource.IdsAsync(restored.Port, "items"));
    }

    private async Task<PostgresRestoreResult> RestoreAsync(StreamedSource source, DateTimeOffset? to)
    {
        var dataDirectory = Path.Combine(source.Root, "restored-" + Guid.NewGuid().ToString("N")[..6], "data");
        var progress = new Progress<string>(line => output.WriteLine("restore: " + line));
        return await source.Restore().RestoreAsync(new PostgresRestoreRequest(dataDirectory, to, TestMachine.FreePort()) { Timeout = TimeSpan.FromMinutes(2) }, progress);
    }
}
