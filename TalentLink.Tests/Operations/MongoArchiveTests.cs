using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Catalog;
using TalentLink.Tests.Messaging;

namespace TalentLink.Tests.Operations;

/// <summary>
/// Messaging on MongoDB without mongodump: the archive holds its collections, dumped through the
/// driver, and restore loads them back (against the MongoDB test server, or real MongoDB when given).
/// </summary>
[Trait("Category", "integration")]
public sealed class MongoArchiveTests(MongoTestServer server) : IClassFixture<MongoTestServer>, IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("talentlink-mongo-archive-");
    private readonly MongoClient _client = new(server.ConnectionString);

    private string DataDirectory => Path.Combine(_root.FullName, "data");

    private IMongoDatabase Database => _client.GetDatabase(server.DatabaseName);

    [Fact]
    public async Task Messaging_collections_are_dumped_through_the_driver_and_restored_with_every_document_and_type()
    {
        var conversations = Database.GetCollection<BsonDocument>("conversations");
        var messages = Database.GetCollection<BsonDocument>("messages");
        var conversation = new BsonDocument
        {
            ["_id"] = ObjectId.GenerateNewId(),
            ["conversationId"] = "c-1",
            ["participantIds"] = new BsonArray { "u-1", "u-2" },
            ["lastActivityAt"] = new BsonDateTime(new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc)),
            ["unread"] = new BsonInt64(5_000_000_000),
            ["topic"] = "Line one\nline two, \"quoted\", Zoë ✓",
            ["meta"] = new BsonDocument { ["flag"] = true, ["score"] = 1.5 },
        };
        await conversations.InsertOneAsync(conversation);
        var sent = Enumerable.Range(1, 2_500).Select(i => new BsonDocument
        {
            ["_id"] = ObjectId.GenerateNewId(),
            ["messageId"] = $"m-{i}",
            ["conversationId"] = "c-1",
            ["body"] = $"message {i}",
            ["sentAt"] = new BsonDateTime(DateTime.UnixEpoch.AddSeconds(i)),
        }).ToList();
        await messages.InsertManyAsync(sent);

        var sources = new DataSources(DataDirectory, Path.Combine(DataDirectory, "uploads"), [], new Dictionary<string, string>(), server.ConnectionString);
        var result = await new BackupService(TimeProvider.System, NullLogger<BackupService>.Instance)
            .BackupAsync(sources, Path.Combine(_root.FullName, "backups"), retentionDays: 7, stageSnapshotsInMemory: false);

        Assert.True(result.IsGood, string.Join("; ", [.. result.Verification.Problems, .. result.Missing]));
        Assert.Equal([("conversations", 1L), ("messages", 2_500L)], result.Manifest.Collections!.Select(c => (c.Name, c.Documents)));
        Assert.Contains(result.Manifest.Notes, n => n.Contains("through the MongoDB driver", StringComparison.Ordinal));

        // The data moves on after the backup: a conversation gone, a message added.
        await conversations.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty);
        await messages.InsertOneAsync(new BsonDocument { ["messageId"] = "after-the-backup" });

        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            RestoreService.RestoreAsync(result.Archive.Path, DataDirectory, Path.Combine(DataDirectory, "uploads"), overwrite: false, mongoConnectionString: server.ConnectionString));
        Assert.Contains("MongoDB collection messages (2,501 documents)", refused.Message, StringComparison.Ordinal);

        var restore = await RestoreService.RestoreAsync(result.Archive.Path, DataDirectory, Path.Combine(DataDirectory, "uploads"), overwrite: true, mongoConnectionString: server.ConnectionString);

        Assert.Equal(["conversations", "messages"], restore.Collections);
        Assert.Equal([conversation], await conversations.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync());
        var restored = await messages.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.Equal(sent.OrderBy(d => d["messageId"].AsString, StringComparer.Ordinal), restored.OrderBy(d => d["messageId"].AsString, StringComparer.Ordinal));
        Assert.DoesNotContain(await (await Database.ListCollectionNamesAsync()).ToListAsync(), name => name.StartsWith("tl_restore_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_archive_whose_dumped_collection_does_not_match_its_manifest_fails_verification()
    {
        var line = "{\"_id\" : {\"$oid\" : \"65f0c0ffee0000000000beef\"}, \"body\" : \"hi\"}\n"u8.ToArray();
        var manifest = new BackupManifest(BackupManifest.CurrentVersion, DateTimeOffset.UtcNow, [],
            [new FileEntry("messaging/mongodb/messages.jsonl", line.Length, CraftedArchive.Sha256(line))], [],
            Collections: [new CollectionEntry("messages", "messaging/mongodb/messages.jsonl", 2)]);
        var path = Path.Combine(_root.FullName, "crafted.zip");
        CraftedArchive.Write(path, manifest, [("messaging/mongodb/messages.jsonl", line)]);

        var verification = await BackupVerifier.VerifyAsync(path, cipher: null);

        Assert.Contains("MongoDB collection messages has 1 documents, the manifest says 2.", verification.Problems);
    }

    public void Dispose()
    {
        _client.Dispose();
        SqliteConnection.ClearAllPools();
        try { _root.Delete(recursive: true); } catch (IOException) { }
    }
}
