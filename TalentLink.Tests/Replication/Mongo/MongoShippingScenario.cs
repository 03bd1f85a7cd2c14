using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using TalentLink.Data.Replication;
using TalentLink.Operations.Replication;
using TalentLink.Operations.Replication.Mongo;
using TalentLink.Tests.Messaging;

namespace TalentLink.Tests.Replication.Mongo;

/// <summary>
/// Messaging's collections in the MongoDB test server, shipped through a <see cref="FakeChangeSource"/>
/// to a directory replica under a fake clock: tests write (each write goes to the server and into
/// the fake stream), call <see cref="ShipAsync"/> for a tick (the clock moves one second), and
/// restore into another database of the same server.
/// </summary>
public sealed class MongoShippingScenario : IAsyncDisposable
{
    private readonly MongoTestServer _server;
    private readonly MongoClient _client;

    public MongoShippingScenario(MongoTestServer server, IReplicaTarget? target = null)
    {
        _server = server;
        _client = new MongoClient(server.ConnectionString);
        ConnectionString = new MongoUrlBuilder(server.ConnectionString) { DatabaseName = "shipped_" + Guid.NewGuid().ToString("N")[..10] }.ToString();
        Database = _client.GetDatabase(MongoUrl.Create(ConnectionString).DatabaseName);
        Root = Directory.CreateTempSubdirectory("talentlink-mongo-replica-").FullName;
        var key = ReplicaKey.NewBase64();
        Target = new EncryptedReplicaTarget(new DirectoryReplicaTarget(Path.Combine(Root, "replica")), new ReplicaCipher(ReplicaKey.Parse(key, "key")));
        Outer = target ?? Target;
        Options = new ReplicationOptions { Directory = Path.Combine(Root, "replica"), EncryptionKey = key, Interval = TimeSpan.FromSeconds(1) };
    }

    public string Root { get; }

    public string ConnectionString { get; }

    public IMongoDatabase Database { get; }

    public EncryptedReplicaTarget Target { get; }

    /// <summary>What the shipper writes to (the target, or a wrapper around it the test switches off).</summary>
    public IReplicaTarget Outer { get; set; }

    public ReplicationOptions Options { get; }

    public FakeChangeSource Source { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public MongoChangeShipper? Shipper { get; private set; }

    /// <summary>Starts shipping (a new timeline, or resuming the stored one) and waits for the snapshot a new timeline takes.</summary>
    public async Task<MongoChangeShipper> StartAsync()
    {
        Shipper = new MongoChangeShipper(Source, Database, ConnectionString, Outer, Options, Time);
        await Shipper.ShipOnceAsync(Time.GetUtcNow());
        await Shipper.PendingSnapshot;
        return Shipper;
    }

    /// <summary>A stop as after SIGKILL: nothing more is shipped; the shipper is simply dropped.</summary>
    public void Kill()
    {
        Shipper?.Dispose();
        Shipper = null;
    }

    /// <summary>One tick one second later; returns its boundary.</summary>
    public async Task<DateTimeOffset> ShipAsync()
    {
        Time.Advance(TimeSpan.FromSeconds(1));
        var boundary = Time.GetUtcNow();
        await Shipper!.ShipOnceAsync(boundary);
        await Shipper.PendingSnapshot;
        return boundary;
    }

    public async Task PutAsync(string collection, BsonDocument document)
    {
        await Database.GetCollection<BsonDocument>(collection).ReplaceOneAsync(new BsonDocument("_id", document["_id"]), document, new ReplaceOptions { IsUpsert = true });
        Source.Append(collection, MongoChangeKind.Put, document["_id"], document);
    }

    public async Task DeleteAsync(string collection, BsonValue id)
    {
        await Database.GetCollection<BsonDocument>(collection).DeleteOneAsync(new BsonDocument("_id", id));
        Source.Append(collection, MongoChangeKind.Delete, id, null);
    }

    public static BsonDocument Message(string text, ObjectId? id = null) =>
        new() { ["_id"] = id ?? ObjectId.GenerateNewId(), ["conversationId"] = "c-1", ["text"] = text, ["sentAt"] = new BsonDateTime(new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc)) };

    /// <summary>Every document of messaging's collections (TalentLink's own left out), by collection, as canonical JSON ordered by _id.</summary>
    public static async Task<SortedDictionary<string, List<string>>> ContentsAsync(IMongoDatabase database)
    {
        var contents = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in await (await database.ListCollectionNamesAsync()).ToListAsync())
        {
            if (name.StartsWith("tl_", StringComparison.Ordinal))
            {
                continue;
            }

            var documents = await database.GetCollection<BsonDocument>(name).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
            contents[name] = [.. documents.OrderBy(d => d["_id"].ToString(), StringComparer.Ordinal).Select(d => d.ToJson())];
        }

        return contents;
    }

    public Task<SortedDictionary<string, List<string>>> ContentsAsync() => ContentsAsync(Database);

    /// <summary>A fresh database on the same server to restore into.</summary>
    public string NewDatabase() => new MongoUrlBuilder(_server.ConnectionString) { DatabaseName = "restored_" + Guid.NewGuid().ToString("N")[..10] }.ToString();

    public IMongoDatabase DatabaseOf(string connectionString) => _client.GetDatabase(MongoUrl.Create(connectionString).DatabaseName);

    public Task<PlatformRestoreResult> RestoreAsync(string to, string connectionString, bool overwrite = false, List<string>? progress = null) =>
        PlatformRestore.RestoreAsync(Target, to, Path.Combine(Root, "data"), Path.Combine(Root, "data", "uploads"), null, overwrite,
            progress is null ? null : new SynchronousProgress(progress), connectionString);

    public Task<DatabaseTimeline> TimelineAsync() => DatabaseTimeline.ReadAsync(Target, MongoReplica.Database);

    public async ValueTask DisposeAsync()
    {
        Kill();
        _client.Dispose();
        Directory.Delete(Root, recursive: true);
        await Task.CompletedTask;
    }

    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
