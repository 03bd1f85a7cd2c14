using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Catalog;

namespace TalentLink.Tests.Operations;

/// <summary>A backup that could not include a store is INCOMPLETE: named, reported and retained as such, never as good.</summary>
[Trait("Category", "integration")]
public sealed class IncompleteBackupTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("talentlink-incomplete-test-");
    private readonly BackupService _backups = new(TimeProvider.System, NullLogger<BackupService>.Instance);

    private string DataDirectory => Path.Combine(_root.FullName, "data");

    private string BackupDirectory => Path.Combine(_root.FullName, "backups");

    [Fact]
    public async Task A_postgres_server_that_is_down_makes_the_backup_incomplete_with_the_reason()
    {
        var down = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Password=postgres;Database={ResourceNames.OffersDb}";

        var result = await _backups.BackupAsync(Sources(postgres: new Dictionary<string, string> { [ResourceNames.OffersDb] = down }), BackupDirectory, retentionDays: 7, stageSnapshotsInMemory: false);

        AssertIncomplete(result, $"PostgreSQL database '{ResourceNames.OffersDb}' NOT included");
    }

    [Fact]
    public async Task A_mongodb_server_that_is_down_makes_the_backup_incomplete_with_the_reason()
    {
        var down = $"mongodb://127.0.0.1:{ClosedPort()}/messaging?directConnection=true&serverSelectionTimeoutMS=1500&connectTimeoutMS=1500";

        var result = await _backups.BackupAsync(Sources(mongo: down), BackupDirectory, retentionDays: 7, stageSnapshotsInMemory: false);

        AssertIncomplete(result, "Messaging (MongoDB database 'messaging') NOT included");
    }

    [Fact]
    public void Retention_never_takes_an_incomplete_archive_for_the_newest_good_one()
    {
        Directory.CreateDirectory(BackupDirectory);
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        string Touch(string name) { File.WriteAllText(Path.Combine(BackupDirectory, name), ""); return name; }
        var oldGood = Touch(BackupArchive.GoodName(now.AddDays(-30)));
        var incomplete = Touch(BackupArchive.Name(now.AddDays(-20), BackupState.Incomplete, encrypted: true));
        Assert.Equal([(BackupState.Incomplete, true), (BackupState.Good, false)], BackupArchive.In(BackupDirectory).Select(a => (a.State, a.IsEncrypted)));

        var deleted = Retention.Apply(BackupDirectory, retentionDays: 7, now).Select(a => a.FileName).ToList();

        Assert.Equal([incomplete], deleted);
        Assert.True(File.Exists(Path.Combine(BackupDirectory, oldGood)));
        var listed = Assert.Single(BackupArchive.In(BackupDirectory));
        Assert.True(listed.IsGood);
    }

    private void AssertIncomplete(BackupResult result, string reason)
    {
        Assert.True(result.Verification.IsValid, string.Join("; ", result.Verification.Problems));
        Assert.False(result.IsGood);
        Assert.Equal(BackupState.Incomplete, result.State);
        Assert.False(result.Manifest.Complete);
        Assert.Contains(result.Missing, m => m.Contains(reason, StringComparison.Ordinal));
        Assert.EndsWith("-incomplete.zip", result.Archive.FileName, StringComparison.Ordinal);
        Assert.Contains("Backup INCOMPLETE", TalentLink.Operations.OperationsReport.Backup(result), StringComparison.Ordinal);

        // The archive itself says so, and the listing and retention read it from the name.
        var verification = BackupVerifier.Verify(result.Archive.Path);
        Assert.True(verification.IsValid);
        Assert.False(verification.IsComplete);
        Assert.Contains(verification.Manifest!.Missing!, m => m.Contains(reason, StringComparison.Ordinal));
        var listed = Assert.Single(BackupArchive.In(BackupDirectory));
        Assert.Equal(BackupState.Incomplete, listed.State);
        Assert.False(listed.IsGood);
    }

    private DataSources Sources(IReadOnlyDictionary<string, string>? postgres = null, string? mongo = null)
    {
        SteadyWriter.CreateTable(Path.Combine(Directory.CreateDirectory(DataDirectory).FullName, "offers.db"), "applications", 10);
        return new DataSources(DataDirectory, Path.Combine(DataDirectory, "uploads"), DatabaseFiles.In(DataDirectory), postgres ?? new Dictionary<string, string>(), mongo);
    }

    /// <summary>A loopback port nothing listens on (taken and released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { _root.Delete(recursive: true); } catch (IOException) { }
    }
}
