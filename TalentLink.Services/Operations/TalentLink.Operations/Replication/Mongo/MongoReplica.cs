using System.IO.Compression;
using System.Text.Json;
using MongoDB.Driver;
using TalentLink.Data.Replication;
using TalentLink.Operations.Backup;

namespace TalentLink.Operations.Replication.Mongo;

/// <summary>
/// Messaging's MongoDB collections in the replica: one more database timeline,
/// <c>databases/messaging-mongodb/…</c>, with the same names, retention, status and restore
/// resolution as the SQLite databases. A snapshot is the driver dump the daily archive uses
/// (<see cref="MongoDriverDump"/>: canonical extended JSON per collection) in a zip with its list of
/// collections; a segment is a <see cref="MongoChangeSegment"/>.
/// </summary>
public static class MongoReplica
{
    public const string Database = "messaging-mongodb";

    private const string CollectionsEntry = "collections.json";

    /// <summary>
    /// Dumps the collections and stores them as a snapshot, named by <paramref name="nameWhenDumped"/>
    /// once the dump is complete (a snapshot is restorable from the instant its dump ended); returns the name.
    /// </summary>
    public static async Task<string> PutSnapshotAsync(IReplicaTarget target, string connectionString, Func<string> nameWhenDumped, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("talentlink-mongo-snapshot-");
        var zipPath = folder.FullName + ".zip";
        try
        {
            var dumped = await MongoDriverDump.DumpAsync(connectionString, folder.FullName, cancellationToken);
            var name = nameWhenDumped();
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, CollectionsEntry), JsonSerializer.SerializeToUtf8Bytes(dumped.Select(d => d.Entry).ToList(), DatabaseTimeline.Json), cancellationToken);
            ZipFile.CreateFromDirectory(folder.FullName, zipPath, CompressionLevel.NoCompression, includeBaseDirectory: false);
            await using (var zip = File.OpenRead(zipPath))
            {
                await target.PutAsync(name, zip, cancellationToken);
            }

            return name;
        }
        finally
        {
            folder.Delete(recursive: true);
            File.Delete(zipPath);
        }
    }

    /// <summary>
    /// Loads a plan's snapshot into staging collections of <paramref name="database"/> and replays its
    /// segments over them, in order. Nothing outside the staging collections changes; on any failure
    /// they are dropped. The caller commits them once everything else is ready too.
    /// </summary>
    public static async Task<MongoStagedCollections> StageAsync(IReplicaTarget target, RestorePlan plan, IMongoDatabase database, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(plan.Describe());
        await using var snapshot = await target.OpenReadAsync(plan.Snapshot.Name, cancellationToken)
            ?? throw new RestoreOutsideWindowException($"{plan.Database}: snapshot {plan.Snapshot.Name} disappeared from the replica.");
        MongoStagedCollections staged;
        try
        {
            using var zip = new ZipArchive(snapshot, ZipArchiveMode.Read);
            var collections = ReadCollections(zip, plan.Snapshot.Name);
            staged = await MongoDriverDump.StageAsync(database, zip, collections, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or FormatException)
        {
            throw new ReplicaCorruptException($"{plan.Snapshot.Name} is not a readable MongoDB snapshot: {ex.Message}", ex);
        }

        try
        {
            var done = 0;
            foreach (var segment in plan.Segments)
            {
                var bytes = await target.GetBytesAsync(segment.Name, cancellationToken)
                    ?? throw new RestoreOutsideWindowException($"{plan.Database}: segment {segment.Name} disappeared from the replica.");
                await MongoChangeSegment.Decode(bytes, segment.Name).ApplyAsync(CheckedCollection(staged), cancellationToken);
                if (++done % 500 == 0)
                {
                    progress?.Report($"{plan.Database}: {done}/{plan.Segments.Count} segments applied");
                }
            }
        }
        catch
        {
            await staged.DropAsync();
            throw;
        }

        return staged;
    }

    /// <summary>A collection name read from the replica (untrusted) names one of messaging's collections, never a system or internal one.</summary>
    public static string CheckCollection(string name, string source) =>
        name.Length is > 0 and <= 120 && !name.StartsWith("system.", StringComparison.Ordinal) && !name.StartsWith(MongoDriverDump.InternalPrefix, StringComparison.Ordinal)
        && !name.Contains('$') && !name.Contains('\0')
            ? name
            : throw new ReplicaCorruptException($"{source} names a collection '{name}' that is not one of messaging's.");

    private static Func<string, CancellationToken, Task<IMongoCollection<MongoDB.Bson.BsonDocument>>> CheckedCollection(MongoStagedCollections staged) =>
        (name, cancellationToken) => staged.CollectionAsync(CheckCollection(name, "a change segment"), cancellationToken);

    private static List<CollectionEntry> ReadCollections(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(CollectionsEntry) ?? throw new FormatException($"{CollectionsEntry} is missing.");
        using var stream = entry.Open();
        var collections = JsonSerializer.Deserialize<List<CollectionEntry>>(stream, DatabaseTimeline.Json) ?? [];
        foreach (var collection in collections)
        {
            CheckCollection(collection.Name, name);
        }

        return collections;
    }
}
