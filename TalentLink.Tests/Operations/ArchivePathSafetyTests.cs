using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Catalog;

namespace TalentLink.Tests.Operations;

/// <summary>Archives are untrusted input: a name that would land outside its target refuses the whole archive.</summary>
[Trait("Category", "integration")]
public sealed class ArchivePathSafetyTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("talentlink-archive-paths-");
    private readonly string _escaped = $"escaped-{Guid.NewGuid():N}";

    // Deep enough that '../../..' from the data directory or its staging folder stays inside the test's folder.
    private string DataDirectory => Path.Combine(_root.FullName, "deep", "a", "b", "data");

    private string Uploads => Path.Combine(DataDirectory, "uploads");

    private string ArchivePath => Path.Combine(_root.FullName, "crafted.zip");

    public static TheoryData<string> CraftedArchives => ["zip entry", "manifest database", "manifest upload", "absolute upload", "absolute database"];

    [Theory]
    [MemberData(nameof(CraftedArchives))]
    public async Task A_crafted_archive_with_a_path_outside_its_target_is_refused_by_verify_and_restore_and_writes_nothing(string kind)
    {
        var existing = SeedExistingData();
        var badName = Craft(kind);

        var verification = BackupVerifier.Verify(ArchivePath);
        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Contains($"Unsafe archive entry '{badName}'", StringComparison.Ordinal));

        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            RestoreService.RestoreAsync(ArchivePath, DataDirectory, Uploads, overwrite: true));
        Assert.Contains(badName, refused.Message, StringComparison.Ordinal);

        AssertNothingEscaped();
        Assert.Equal(existing, File.ReadAllBytes(Path.Combine(DataDirectory, "offers.db")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(Uploads, "cv", "old.pdf")));
        Assert.Equal(["offers.db", "uploads"], Directory.EnumerateFileSystemEntries(DataDirectory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_good_archive_still_verifies_and_restores_its_databases_and_nested_uploads()
    {
        var source = Path.Combine(_root.FullName, "source");
        Directory.CreateDirectory(Path.Combine(source, "uploads", "cv", "2026"));
        SteadyWriter.CreateTable(Path.Combine(source, "offers.db"), "applications", 50);
        File.WriteAllText(Path.Combine(source, "uploads", "cv", "2026", "a.pdf"), "cv");
        var backups = new BackupService(TimeProvider.System, NullLogger<BackupService>.Instance);
        var result = await backups.BackupAsync(new DataSources(source, Path.Combine(source, "uploads"), DatabaseFiles.In(source), new Dictionary<string, string>(), null),
            Path.Combine(_root.FullName, "backups"), retentionDays: 7, stageSnapshotsInMemory: false);
        Assert.True(result.IsGood, string.Join("; ", result.Verification.Problems));

        var restore = await RestoreService.RestoreAsync(result.Archive.Path, DataDirectory, Uploads, overwrite: false);

        Assert.Equal(["offers.db"], restore.Databases);
        Assert.Equal(1, restore.UploadedFiles);
        Assert.Equal("cv", File.ReadAllText(Path.Combine(Uploads, "cv", "2026", "a.pdf")));
        using var connection = SqliteInspection.OpenReadOnly(Path.Combine(DataDirectory, "offers.db"));
        Assert.Equal(50, SqliteInspection.RowCounts(connection)["applications"]);
    }

    /// <summary>Writes the crafted archive; returns the name that should be refused.</summary>
    private string Craft(string kind)
    {
        var database = DatabaseBytes();
        var good = new DatabaseEntry("offers.db", database.Length, CraftedArchive.Sha256(database), new Dictionary<string, long> { ["applications"] = 3 });
        var payload = "payload"u8.ToArray();
        var upload = (string path) => new FileEntry(path, payload.Length, CraftedArchive.Sha256(payload));
        var absolute = Path.Combine(_root.FullName, _escaped);
        BackupManifest Manifest(IReadOnlyList<DatabaseEntry> databases, IReadOnlyList<FileEntry> files) =>
            new(BackupManifest.CurrentVersion, DateTimeOffset.UtcNow, databases, files, []);

        switch (kind)
        {
            case "zip entry":
                // Not even named by the manifest: the entry alone refuses the archive.
                var entry = $"uploads/../../../{_escaped}.txt";
                CraftedArchive.Write(ArchivePath, Manifest([good], []), [(good.EntryName, database), (entry, payload)]);
                return entry;
            case "manifest database":
                var escapingDatabase = good with { FileName = $"../../{_escaped}.db" };
                CraftedArchive.Write(ArchivePath, Manifest([escapingDatabase], []), [(good.EntryName, database)]);
                return escapingDatabase.FileName;
            case "manifest upload":
                var escapingUpload = upload($"uploads/../../../{_escaped}.txt");
                CraftedArchive.Write(ArchivePath, Manifest([good], [escapingUpload]), [(good.EntryName, database)]);
                return escapingUpload.Path;
            case "absolute upload":
                CraftedArchive.Write(ArchivePath, Manifest([good], [upload(absolute)]), [(good.EntryName, database), (absolute, payload)]);
                return absolute;
            default:
                var absoluteDatabase = good with { FileName = absolute + ".db" };
                CraftedArchive.Write(ArchivePath, Manifest([absoluteDatabase], []), [(good.EntryName, database)]);
                return absoluteDatabase.FileName;
        }
    }

    private byte[] DatabaseBytes()
    {
        var path = Path.Combine(_root.FullName, "template.db");
        SteadyWriter.CreateTable(path, "applications", 3);
        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    private byte[] SeedExistingData()
    {
        Directory.CreateDirectory(Path.Combine(Uploads, "cv"));
        File.WriteAllText(Path.Combine(Uploads, "cv", "old.pdf"), "kept");
        var offers = Path.Combine(DataDirectory, "offers.db");
        SteadyWriter.CreateTable(offers, "applications", 7);
        SqliteConnection.ClearAllPools();
        return File.ReadAllBytes(offers);
    }

    private void AssertNothingEscaped()
    {
        Assert.DoesNotContain(Directory.EnumerateFiles(_root.FullName, _escaped + "*", SearchOption.AllDirectories), path => path != ArchivePath);
        foreach (var directory in new[] { Path.GetTempPath(), Path.GetPathRoot(_root.FullName)!, Path.GetDirectoryName(_root.FullName)! })
        {
            Assert.Empty(Directory.EnumerateFiles(directory, _escaped + "*"));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { _root.Delete(recursive: true); } catch (IOException) { }
    }
}
