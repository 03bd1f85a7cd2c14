using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Catalog;

namespace TalentLink.Tests.Operations;

[Trait("Category", "integration")]
public sealed class BackupRestoreTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("talentlink-backup-test-");
    private readonly BackupService _backups = new(TimeProvider.System, NullLogger<BackupService>.Instance);

    private string DataDirectory => Path.Combine(_root.FullName, "data");

    private string Uploads => Path.Combine(DataDirectory, "uploads");

    private string BackupDirectory => Path.Combine(_root.FullName, "backups");

    private DataSources Sources(string? dataDirectory = null) => new(
        dataDirectory ?? DataDirectory, Path.Combine(dataDirectory ?? DataDirectory, "uploads"), DatabaseFiles.In(dataDirectory ?? DataDirectory),
        new Dictionary<string, string>(), null);

    [Fact]
    public async Task A_backup_taken_while_services_write_restores_elsewhere_with_every_row_intact()
    {
        var offers = SeedDatabase("offers.db", "applications", 20_000);
        var profiles = SeedDatabase("profile.db", "profiles", 5_000);
        var uploads = SeedUploads(5);

        BackupResult result;
        long writtenDuringBackup;
        await using (var offersWriter = SteadyWriter.Start(offers, "applications"))
        await using (var profilesWriter = SteadyWriter.Start(profiles, "profiles"))
        {
            await offersWriter.WaitForRowsAsync(200);
            var before = offersWriter.Rows + profilesWriter.Rows;
            result = await _backups.BackupAsync(Sources(), BackupDirectory, retentionDays: 7);
            writtenDuringBackup = offersWriter.Rows + profilesWriter.Rows - before;

            // Both live databases move on past their snapshots before the writers stop, whatever the timing.
            await offersWriter.WaitForRowsAsync(5);
            await profilesWriter.WaitForRowsAsync(5);
        }

        Assert.True(result.IsGood, string.Join("; ", result.Verification.Problems));
        Assert.True(writtenDuringBackup > 0, "the writers kept writing while the backup ran");
        Assert.Equal(["offers.db", "profile.db"], result.Manifest.Databases.Select(d => d.FileName));

        var restored = Path.Combine(_root.FullName, "restored");
        var restore = await RestoreService.RestoreAsync(result.Archive.Path, restored, Path.Combine(restored, "uploads"), overwrite: false);

        Assert.Equal(2, restore.Databases.Count);
        AssertConsistentCopy(offers, Path.Combine(restored, "offers.db"), "applications", result.Manifest.Databases[0].RowCounts["applications"]);
        AssertConsistentCopy(profiles, Path.Combine(restored, "profile.db"), "profiles", result.Manifest.Databases[1].RowCounts["profiles"]);
        foreach (var (name, bytes) in uploads)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(restored, "uploads", name)));
        }
    }

    [Fact]
    public void The_live_database_wal_is_back_to_empty_after_a_snapshot()
    {
        var offers = SeedDatabase("offers.db", "applications", 50_000);
        // The service keeps its connection open, so its WAL stays on disk between writes.
        using var service = TalentLink.Data.SqliteTuning.OpenConnection($"Data Source={offers};Pooling=False");
        using (var insert = service.CreateCommand())
        {
            insert.CommandText = "INSERT INTO applications (body, created_at) VALUES ('late', 'now')";
            insert.ExecuteNonQuery();
        }

        Assert.True(new FileInfo(offers + "-wal").Length > 0);

        var snapshot = SqliteSnapshot.Take(offers, Path.Combine(_root.FullName, "copy.db"));

        Assert.Equal(0, snapshot.WalBytesAfterCheckpoint);
        Assert.Equal(50_001, RowCount(snapshot.Destination, "applications"));
    }

    [Fact]
    public async Task Uploads_still_arriving_in_a_hidden_folder_are_left_out_of_the_archive()
    {
        SeedDatabase("offers.db", "applications", 10);
        var uploads = SeedUploads(2);
        Directory.CreateDirectory(Path.Combine(Uploads, ".incoming"));
        await File.WriteAllBytesAsync(Path.Combine(Uploads, ".incoming", "half-received.part"), new byte[100]);

        var result = await _backups.BackupAsync(Sources(), BackupDirectory, retentionDays: 7);

        Assert.True(result.IsGood, string.Join("; ", result.Verification.Problems));
        Assert.Equal(uploads.Keys.Select(name => BackupManifest.UploadsFolder + name.Replace(Path.DirectorySeparatorChar, '/')).Order(), result.Manifest.Files.Select(f => f.Path).Order());
    }

    [Fact]
    public async Task An_archive_whose_rows_do_not_match_its_manifest_fails_verification()
    {
        SeedDatabase("offers.db", "applications", 100);
        var result = await _backups.BackupAsync(Sources(), BackupDirectory, retentionDays: 7);
        Assert.True(result.IsGood);

        using (var zip = ZipFile.Open(result.Archive.Path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(BackupManifest.EntryName)!;
            BackupManifest manifest;
            using (var stream = entry.Open())
            {
                manifest = JsonSerializer.Deserialize<BackupManifest>(stream, BackupManifest.Json)!;
            }

            entry.Delete();
            var tampered = manifest with { Databases = [manifest.Databases[0] with { RowCounts = new Dictionary<string, long> { ["applications"] = 101 } }] };
            using var output = zip.CreateEntry(BackupManifest.EntryName).Open();
            JsonSerializer.Serialize(output, tampered, BackupManifest.Json);
        }

        var verification = BackupVerifier.Verify(result.Archive.Path);
        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Contains("applications has 100 rows, the manifest says 101", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_archive_with_a_damaged_database_fails_verification()
    {
        SeedDatabase("offers.db", "applications", 2_000);
        var result = await _backups.BackupAsync(Sources(), BackupDirectory, retentionDays: 7);

        using (var zip = ZipFile.Open(result.Archive.Path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("databases/offers.db")!;
            byte[] bytes;
            using (var stream = entry.Open())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            Array.Fill(bytes, (byte)0x5A, 8192, 4096); // overwrite a b-tree page
            entry.Delete();
            using var output = zip.CreateEntry("databases/offers.db").Open();
            output.Write(bytes);
        }

        var verification = BackupVerifier.Verify(result.Archive.Path);
        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Contains("offers.db: checksum does not match", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_refuses_to_overwrite_existing_data_without_confirmation()
    {
        var offers = SeedDatabase("offers.db", "applications", 100);
        var result = await _backups.BackupAsync(Sources(), BackupDirectory, retentionDays: 7);
        SteadyWriter.CreateTable(offers, "later", 3);

        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() => RestoreService.RestoreAsync(result.Archive.Path, DataDirectory, Uploads, overwrite: false));
        Assert.Contains("offers.db", refused.Message);
        Assert.Contains("later", TableNames(offers)); // untouched

        await RestoreService.RestoreAsync(result.Archive.Path, DataDirectory, Uploads, overwrite: true);
        Assert.DoesNotContain("later", TableNames(offers));
        Assert.Equal(100, RowCount(offers, "applications"));
    }

    [Fact]
    public async Task Restore_refuses_while_a_service_holds_the_database()
    {
        var offers = SeedDatabase("offers.db", "applications", 10);
        var result = await _backups.BackupAsync(Sources(), BackupDirectory, retentionDays: 7);

        var writerLock = new TalentLink.Data.SqliteWriterLock($"Data Source={offers}");
        await writerLock.StartAsync(CancellationToken.None);
        try
        {
            var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() => RestoreService.RestoreAsync(result.Archive.Path, DataDirectory, Uploads, overwrite: true));
            Assert.Contains("Stop the services first", refused.Message);
        }
        finally
        {
            await writerLock.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Retention_deletes_old_archives_but_never_the_newest_good_one()
    {
        Directory.CreateDirectory(BackupDirectory);
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        string Touch(string name) { var path = Path.Combine(BackupDirectory, name); File.WriteAllText(path, ""); return name; }
        var newestGood = Touch(BackupArchive.GoodName(now.AddDays(-20)));
        var olderGood = Touch(BackupArchive.GoodName(now.AddDays(-21)));
        var recentFailed = Touch(BackupArchive.FailedName(now.AddDays(-1)));
        var oldFailed = Touch(BackupArchive.FailedName(now.AddDays(-10)));

        var deleted = Retention.Apply(BackupDirectory, retentionDays: 7, now).Select(a => a.FileName).Order().ToList();

        Assert.Equal(new[] { olderGood, oldFailed }.Order(), deleted);
        Assert.True(File.Exists(Path.Combine(BackupDirectory, newestGood)));
        Assert.True(File.Exists(Path.Combine(BackupDirectory, recentFailed)));
    }

    [Fact]
    public async Task In_postgres_mode_each_database_is_dumped_with_pg_dump_and_said_so()
    {
        await using var database = await TestDatabase.CreateAsync(TalentLink.Data.DatabaseProvider.Postgres, "opsbackup");
        await CreatePostgresDatabaseAsync(database.ConnectionString);
        var sources = new DataSources(DataDirectory, Uploads, [], new Dictionary<string, string> { [ResourceNames.OffersDb] = database.ConnectionString }, null);

        var result = await _backups.BackupAsync(sources, BackupDirectory, retentionDays: 7);

        Assert.True(result.IsGood, string.Join("; ", result.Verification.Problems));
        Assert.Contains(result.Manifest.Files, f => f.Path == $"postgres/{ResourceNames.OffersDb}.dump" && f.Bytes > 0);
        Assert.Contains(result.Manifest.Notes, n => n.Contains("pg_dump", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Snapshots_staged_in_memory_or_on_disk_make_the_same_good_archive_and_leave_nothing_behind(bool inMemory)
    {
        SeedDatabase("offers.db", "applications", 2_000);
        var staged = Directory.Exists(SnapshotStaging.MemoryDirectory)
            ? Directory.GetDirectories(SnapshotStaging.MemoryDirectory, "talentlink-*").Length
            : 0;

        var result = await _backups.BackupAsync(Sources(), BackupDirectory, retentionDays: 7, stageSnapshotsInMemory: inMemory);

        Assert.True(result.IsGood, string.Join("; ", result.Verification.Problems));
        Assert.Equal(2_000, result.Manifest.Databases[0].RowCounts["applications"]);
        Assert.Equal(inMemory && Directory.Exists(SnapshotStaging.MemoryDirectory), result.Snapshots[0].Destination.StartsWith(SnapshotStaging.MemoryDirectory, StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(BackupDirectory, ".staging-*", new EnumerationOptions { AttributesToSkip = 0 }));
        if (Directory.Exists(SnapshotStaging.MemoryDirectory))
        {
            Assert.Equal(staged, Directory.GetDirectories(SnapshotStaging.MemoryDirectory, "talentlink-*").Length);
        }
    }

    private static async Task CreatePostgresDatabaseAsync(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using (var server = new Npgsql.NpgsqlConnection(builder.ConnectionString))
        {
            await server.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("CREATE TABLE offers (id int PRIMARY KEY, title text NOT NULL); INSERT INTO offers VALUES (1, 'Engineer')", connection);
        await command.ExecuteNonQueryAsync();
    }

    private string SeedDatabase(string fileName, string table, int rows)
    {
        Directory.CreateDirectory(DataDirectory);
        var path = Path.Combine(DataDirectory, fileName);
        SteadyWriter.CreateTable(path, table, rows);
        return path;
    }

    private Dictionary<string, byte[]> SeedUploads(int count)
    {
        var files = new Dictionary<string, byte[]>();
        for (var i = 0; i < count; i++)
        {
            var name = Path.Combine("cv", $"{Guid.NewGuid():N}.pdf");
            var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(10_000 + i);
            Directory.CreateDirectory(Path.Combine(Uploads, "cv"));
            File.WriteAllBytes(Path.Combine(Uploads, name), bytes);
            files[name] = bytes;
        }

        return files;
    }

    /// <summary>
    /// The copy holds rows 1..n with no gap (a snapshot at one instant of a single sequential writer),
    /// n is what the manifest recorded, and every one of those rows equals the live row.
    /// </summary>
    private static void AssertConsistentCopy(string livePath, string copyPath, string table, long manifestCount)
    {
        var live = ReadRows(livePath, table);
        var copy = ReadRows(copyPath, table);
        Assert.Equal(manifestCount, copy.Count);
        Assert.Equal(Enumerable.Range(1, copy.Count).Select(i => (long)i), copy.Keys);
        Assert.True(live.Count > copy.Count, "the live database moved on after the snapshot");
        foreach (var (id, row) in copy)
        {
            Assert.Equal(live[id], row);
        }
    }

    private static SortedDictionary<long, string> ReadRows(string path, string table)
    {
        using var connection = SqliteInspection.OpenReadOnly(path);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, body, created_at FROM {table}";
        using var reader = command.ExecuteReader();
        var rows = new SortedDictionary<long, string>();
        while (reader.Read())
        {
            rows[reader.GetInt64(0)] = reader.GetString(1) + "|" + reader.GetString(2);
        }

        return rows;
    }

    private static IReadOnlyList<string> TableNames(string path)
    {
        using var connection = SqliteInspection.OpenReadOnly(path);
        return SqliteInspection.Tables(connection);
    }

    private static long RowCount(string path, string table)
    {
        using var connection = SqliteInspection.OpenReadOnly(path);
        return SqliteInspection.RowCounts(connection)[table];
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { _root.Delete(recursive: true); } catch (IOException) { }
    }
}
