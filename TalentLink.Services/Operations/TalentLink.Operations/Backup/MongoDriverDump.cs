using System.IO.Compression;
using System.Text;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Driver;

namespace TalentLink.Operations.Backup;

/// <summary>
/// Messaging's MongoDB collections dumped and restored through the driver itself, for when
/// <c>mongodump</c> is not installed (it is not packaged here). Each collection becomes one file of
/// documents, one per line in canonical extended JSON, so every BSON type (dates, object ids, binary,
/// decimals) comes back as it was. Collections are read one after the other, not at one instant.
/// Indexes are not dumped: the messaging service creates its indexes when it starts.
/// </summary>
public static class MongoDriverDump
{
    /// <summary>Collections of TalentLink's own (restore staging, the shipping state) start with this and are never dumped.</summary>
    public const string InternalPrefix = "tl_";

    internal const string StagingPrefix = InternalPrefix + "restore_";
    private const int BatchSize = 1000;
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(10);
    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson, Indent = false };

    public sealed record DumpedCollection(CollectionEntry Entry, string File);

    public static string DatabaseName(string connectionString) => MongoUrl.Create(connectionString).DatabaseName ?? ResourceNames.MessagingMongoDatabase;

    /// <summary>Writes every collection of the database under <c>&lt;staging&gt;/messaging/mongodb/</c>.</summary>
    public static async Task<IReadOnlyList<DumpedCollection>> DumpAsync(string connectionString, string staging, CancellationToken cancellationToken)
    {
        using var client = Client(connectionString);
        var database = client.GetDatabase(DatabaseName(connectionString));
        using var cursor = await database.ListCollectionNamesAsync(cancellationToken: cancellationToken);
        var names = (await cursor.ToListAsync(cancellationToken))
            .Where(name => !name.StartsWith("system.", StringComparison.Ordinal) && !name.StartsWith(InternalPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        var folder = Directory.CreateDirectory(Path.Combine(staging, BackupManifest.MongoFolder.TrimEnd('/'))).FullName;
        var dumped = new List<DumpedCollection>();
        foreach (var name in names)
        {
            var fileName = Uri.EscapeDataString(name) + ".jsonl";
            var file = Path.Combine(folder, fileName);
            long documents = 0;
            await using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                var options = new FindOptions<BsonDocument> { BatchSize = BatchSize };
                using var documentsCursor = await database.GetCollection<BsonDocument>(name).FindAsync(FilterDefinition<BsonDocument>.Empty, options, cancellationToken);
                while (await documentsCursor.MoveNextAsync(cancellationToken))
                {
                    foreach (var document in documentsCursor.Current)
                    {
                        await writer.WriteAsync(document.ToJson(Canonical));
                        await writer.WriteAsync('\n');
                        documents++;
                    }
                }
            }

            dumped.Add(new DumpedCollection(new CollectionEntry(name, BackupManifest.MongoFolder + fileName, documents), file));
        }

        return dumped;
    }

    /// <summary>The documents in those of <paramref name="names"/> that exist and are not empty, by collection.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ExistingDocumentsAsync(string connectionString, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        using var client = Client(connectionString);
        var database = client.GetDatabase(DatabaseName(connectionString));
        var existing = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var count = await database.GetCollection<BsonDocument>(name).CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: cancellationToken);
            if (count > 0)
            {
                existing[name] = count;
            }
        }

        return existing;
    }

    /// <summary>
    /// Puts the dumped collections back: each is loaded into a staging collection first, and only when
    /// all of them loaded is each renamed over its target (dropping what was there). A failure while
    /// loading drops the staging collections and leaves the database as it was.
    /// </summary>
    public static async Task RestoreAsync(string connectionString, ZipArchive zip, IReadOnlyList<CollectionEntry> collections, CancellationToken cancellationToken)
    {
        using var client = Client(connectionString);
        var staging = await StageAsync(client.GetDatabase(DatabaseName(connectionString)), zip, collections, cancellationToken);
        await staging.CommitAsync(cancellationToken);
    }

    /// <summary>Loads the dumped collections into staging collections (dropped again if loading fails); the caller commits or drops them.</summary>
    public static async Task<MongoStagedCollections> StageAsync(IMongoDatabase database, ZipArchive zip, IReadOnlyList<CollectionEntry> collections, CancellationToken cancellationToken)
    {
        var staging = new MongoStagedCollections(database);
        try
        {
            foreach (var collection in collections)
            {
                var target = await staging.CollectionAsync(collection.Name, cancellationToken);
                var batch = new List<BsonDocument>(BatchSize);
                foreach (var document in Read(zip, collection))
                {
                    batch.Add(document);
                    if (batch.Count == BatchSize)
                    {
                        await target.InsertManyAsync(batch, cancellationToken: cancellationToken);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    await target.InsertManyAsync(batch, cancellationToken: cancellationToken);
                }
            }
        }
        catch
        {
            await staging.DropAsync();
            throw;
        }

        return staging;
    }

    /// <summary>The documents of one dumped collection; a line that is not a document throws <see cref="FormatException"/>.</summary>
    public static IEnumerable<BsonDocument> Read(ZipArchive zip, CollectionEntry collection)
    {
        var entry = zip.GetEntry(collection.Path) ?? throw new FormatException($"{collection.Path} is missing from the archive.");
        using var stream = entry.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            BsonDocument document;
            try
            {
                document = BsonDocument.Parse(line);
            }
            catch (Exception ex) when (ex is FormatException or BsonSerializationException)
            {
                throw new FormatException($"{collection.Path} line {number} is not a MongoDB document: {ex.Message}", ex);
            }

            yield return document;
        }
    }

    public static MongoClient Client(string connectionString)
    {
        var settings = MongoClientSettings.FromUrl(MongoUrl.Create(connectionString));
        if (!connectionString.Contains("serverSelectionTimeoutMS", StringComparison.OrdinalIgnoreCase))
        {
            settings.ServerSelectionTimeout = ServerTimeout;
        }

        if (!connectionString.Contains("connectTimeoutMS", StringComparison.OrdinalIgnoreCase))
        {
            settings.ConnectTimeout = ServerTimeout;
        }

        return new MongoClient(settings);
    }
}
