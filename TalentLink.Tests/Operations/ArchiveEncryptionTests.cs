using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TalentLink.Data.Replication;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Catalog;

namespace TalentLink.Tests.Operations;

/// <summary>The daily archive under <c>Replication:EncryptionKey</c>: encrypted like the replica, and refused whole when it does not decrypt.</summary>
[Trait("Category", "integration")]
public sealed class ArchiveEncryptionTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("talentlink-archive-crypto-");
    private readonly RecordingLogger _log = new();
    private readonly ReplicaCipher _cipher = Cipher(ReplicaKey.NewBase64());

    private string DataDirectory => Path.Combine(_root.FullName, "data");

    private string RestoreDirectory => Path.Combine(_root.FullName, "restored");

    private string BackupDirectory => Path.Combine(_root.FullName, "backups");

    [Fact]
    public async Task With_a_key_the_archive_is_encrypted_and_verifies_and_restores_only_with_that_key()
    {
        var result = await BackupAsync(_cipher);

        Assert.True(result.IsGood, string.Join("; ", result.Verification.Problems));
        Assert.Equal(BackupArchive.GoodName(result.Archive.CreatedAt) + ".enc", result.Archive.FileName);
        Assert.True(Assert.Single(BackupArchive.In(BackupDirectory)).IsEncrypted);
        Assert.Equal("TLRP"u8.ToArray(), File.ReadAllBytes(result.Archive.Path)[..4]);
        Assert.Contains($"encrypted under key {_cipher.Key.Fingerprint}", TalentLink.Operations.OperationsReport.Backup(result), StringComparison.Ordinal);

        var verification = await BackupVerifier.VerifyAsync(result.Archive.Path, _cipher);
        Assert.True(verification.IsComplete, string.Join("; ", verification.Problems));
        var withoutKey = await BackupVerifier.VerifyAsync(result.Archive.Path, cipher: null);
        Assert.Contains(withoutKey.Problems, p => p.Contains("is encrypted and no key is configured", StringComparison.Ordinal));

        var restore = await RestoreService.RestoreAsync(result.Archive.Path, RestoreDirectory, Path.Combine(RestoreDirectory, "uploads"), overwrite: false, _cipher);
        Assert.Equal(["offers.db"], restore.Databases);
        Assert.Equal(25, RowCount(Path.Combine(RestoreDirectory, "offers.db")));
    }

    public static TheoryData<string> Unreadable => ["wrong key", "tampered", "renamed"];

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_encrypted_archive_that_does_not_decrypt_is_refused_with_the_problem_named_and_changes_nothing(string kind)
    {
        var result = await BackupAsync(_cipher);
        var path = result.Archive.Path;
        var cipher = _cipher;
        string expected;
        switch (kind)
        {
            case "wrong key":
                cipher = Cipher(ReplicaKey.NewBase64());
                expected = $"Wrong key: {result.Archive.FileName} is encrypted under the key with fingerprint {_cipher.Key.Fingerprint}";
                break;
            case "tampered":
                var bytes = File.ReadAllBytes(path);
                bytes[bytes.Length / 2] ^= 0x01;
                File.WriteAllBytes(path, bytes);
                expected = "The archive is damaged or was altered";
                break;
            default:
                // Passing an archive off as another (say, an incomplete one as good) breaks its authentication.
                var renamed = Path.Combine(BackupDirectory, BackupArchive.Name(result.Archive.CreatedAt.AddDays(1), BackupState.Good, encrypted: true));
                File.Move(path, renamed);
                path = renamed;
                expected = "fails its authentication check";
                break;
        }

        var verification = await BackupVerifier.VerifyAsync(path, cipher);
        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Contains(expected, StringComparison.Ordinal));

        SteadyWriter.CreateTable(Path.Combine(Directory.CreateDirectory(RestoreDirectory).FullName, "offers.db"), "applications", 3);
        SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(Path.Combine(RestoreDirectory, "offers.db"));
        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            RestoreService.RestoreAsync(path, RestoreDirectory, Path.Combine(RestoreDirectory, "uploads"), overwrite: true, cipher));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(RestoreDirectory, "offers.db")));
        Assert.Equal(["offers.db"], Directory.EnumerateFileSystemEntries(RestoreDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Without_a_key_the_archive_stays_a_plain_zip_and_the_backup_warns_that_it_is_not_encrypted()
    {
        var result = await BackupAsync(cipher: null);

        Assert.True(result.IsGood);
        Assert.Equal(BackupArchive.GoodName(result.Archive.CreatedAt), result.Archive.FileName);
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(result.Archive.Path)[..2]);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("is NOT encrypted: Replication:EncryptionKey is not configured", StringComparison.Ordinal));
        Assert.Contains("warning: NOT encrypted", TalentLink.Operations.OperationsReport.Backup(result), StringComparison.Ordinal);
        Assert.True((await BackupVerifier.VerifyAsync(result.Archive.Path, _cipher)).IsComplete);
    }

    [Fact]
    public void The_key_comes_from_replication_configuration_and_a_bad_one_is_named()
    {
        Assert.Null(ArchiveEncryption.FromConfiguration(Configuration(null)));
        var key = ReplicaKey.NewBase64();
        Assert.Equal(Cipher(key).Key.Fingerprint, ArchiveEncryption.FromConfiguration(Configuration(key))!.Key.Fingerprint);

        var bad = Assert.Throws<InvalidOperationException>(() => ArchiveEncryption.FromConfiguration(Configuration("not a key")));
        Assert.Contains("Replication:EncryptionKey", bad.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Replication:EncryptionKey"] = key }).Build();

    private static ReplicaCipher Cipher(string base64) => new(ReplicaKey.Parse(base64, "test key"));

    private async Task<BackupResult> BackupAsync(ReplicaCipher? cipher)
    {
        SteadyWriter.CreateTable(Path.Combine(Directory.CreateDirectory(DataDirectory).FullName, "offers.db"), "applications", 25);
        var sources = new DataSources(DataDirectory, Path.Combine(DataDirectory, "uploads"), DatabaseFiles.In(DataDirectory), new Dictionary<string, string>(), null);
        // Staged on disk, so the in-memory staging test (which counts /dev/shm folders) is not disturbed.
        return await new BackupService(TimeProvider.System, _log).BackupAsync(sources, BackupDirectory, retentionDays: 7, stageSnapshotsInMemory: false, cipher: cipher);
    }

    private static long RowCount(string path)
    {
        using var connection = SqliteInspection.OpenReadOnly(path);
        return SqliteInspection.RowCounts(connection)["applications"];
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { _root.Delete(recursive: true); } catch (IOException) { }
    }

    private sealed class RecordingLogger : ILogger<BackupService>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
