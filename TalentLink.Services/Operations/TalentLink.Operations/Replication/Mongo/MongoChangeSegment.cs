using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using TalentLink.Data.Replication;

namespace TalentLink.Operations.Replication.Mongo;

/// <summary>
/// One shipping tick's changes of messaging's MongoDB collections, recorded at the tick's boundary:
/// <c>TLMONGO1</c>, a header document (recorded time, the change count, the resume token after the
/// last change), then one BSON document per change (<c>c</c> collection, <c>op</c> put/del/drop,
/// <c>id</c>, <c>doc</c> the whole document after a put, <c>ts</c> the cluster time). The replica
/// target compresses, encrypts and authenticates it like every other object.
/// </summary>
public sealed record MongoChangeSegment(DateTimeOffset RecordedAt, BsonDocument ResumeToken, IReadOnlyList<MongoChange> Changes)
{
    private static readonly byte[] Magic = "TLMONGO1"u8.ToArray();

    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        buffer.Write(Magic);
        Write(buffer, new BsonDocument
        {
            ["recordedAt"] = new BsonDateTime(RecordedAt.UtcDateTime),
            ["count"] = Changes.Count,
            ["resumeToken"] = ResumeToken,
        });
        foreach (var change in Changes)
        {
            var entry = new BsonDocument { ["c"] = change.Collection, ["op"] = Op(change.Kind) };
            if (change.Id is not null)
            {
                entry["id"] = change.Id;
            }

            if (change.Kind == MongoChangeKind.Put)
            {
                entry["doc"] = change.Document ?? throw new InvalidOperationException("A put carries its document.");
            }

            if (change.ClusterTime is not null)
            {
                entry["ts"] = change.ClusterTime;
            }

            Write(buffer, entry);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a segment; anything malformed throws <see cref="ReplicaCorruptException"/> naming it.</summary>
    public static MongoChangeSegment Decode(byte[] bytes, string name)
    {
        try
        {
            if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                throw new ReplicaCorruptException($"{name} is not a MongoDB change segment.");
            }

            using var stream = new MemoryStream(bytes, Magic.Length, bytes.Length - Magic.Length, writable: false);
            var header = Read(stream);
            var count = header["count"].AsInt32;
            var changes = new List<MongoChange>(count);
            for (var i = 0; i < count; i++)
            {
                var entry = Read(stream);
                var kind = Kind(entry["op"].AsString, name);
                changes.Add(new MongoChange(entry["c"].AsString, kind, entry.GetValue("id", null), kind == MongoChangeKind.Put ? entry["doc"].AsBsonDocument : null,
                    entry.TryGetValue("ts", out var ts) ? ts.AsBsonTimestamp : null, null, header["resumeToken"].AsBsonDocument));
            }

            if (stream.Position != stream.Length)
            {
                throw new ReplicaCorruptException($"{name} has bytes after its last change.");
            }

            return new MongoChangeSegment(new DateTimeOffset(header["recordedAt"].ToUniversalTime(), TimeSpan.Zero), header["resumeToken"].AsBsonDocument, changes);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or KeyNotFoundException or EndOfStreamException or BsonSerializationException)
        {
            throw new ReplicaCorruptException($"{name} is a damaged MongoDB change segment: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Replays the changes in order into <paramref name="collection"/>'s documents: a put replaces the
    /// document of its <c>_id</c> (inserting it when absent), a delete removes it, a drop empties the
    /// collection. Replaying a change twice leaves the same state, so a segment that overlaps a
    /// snapshot does no harm.
    /// </summary>
    public async Task ApplyAsync(Func<string, CancellationToken, Task<IMongoCollection<BsonDocument>>> collection, CancellationToken cancellationToken)
    {
        var i = 0;
        while (i < Changes.Count)
        {
            var name = Changes[i].Collection;
            var target = await collection(name, cancellationToken);
            var batch = new List<WriteModel<BsonDocument>>();
            for (; i < Changes.Count && Changes[i].Collection == name; i++)
            {
                var change = Changes[i];
                switch (change.Kind)
                {
                    case MongoChangeKind.Put:
                        batch.Add(new ReplaceOneModel<BsonDocument>(new BsonDocument("_id", change.Document!["_id"]), change.Document) { IsUpsert = true });
                        break;
                    case MongoChangeKind.Delete:
                        batch.Add(new DeleteOneModel<BsonDocument>(new BsonDocument("_id", change.Id)));
                        break;
                    case MongoChangeKind.Drop:
                        batch.Add(new DeleteManyModel<BsonDocument>(FilterDefinition<BsonDocument>.Empty));
                        break;
                }
            }

            if (batch.Count > 0)
            {
                await target.BulkWriteAsync(batch, new BulkWriteOptions { IsOrdered = true }, cancellationToken);
            }
        }
    }

    /// <summary>The encoded size of a change, to cut segments and count the log since the last snapshot.</summary>
    public static long SizeOf(MongoChange change) => (change.Document?.ToBson().Length ?? 0) + 64;

    private static string Op(MongoChangeKind kind) => kind switch
    {
        MongoChangeKind.Put => "put",
        MongoChangeKind.Delete => "del",
        MongoChangeKind.Drop => "drop",
        _ => throw new InvalidOperationException($"A {kind} change is not shipped."),
    };

    private static MongoChangeKind Kind(string op, string name) => op switch
    {
        "put" => MongoChangeKind.Put,
        "del" => MongoChangeKind.Delete,
        "drop" => MongoChangeKind.Drop,
        _ => throw new ReplicaCorruptException($"{name} holds an unknown change '{op}'."),
    };

    private static void Write(Stream stream, BsonDocument document)
    {
        var bytes = document.ToBson();
        stream.Write(bytes);
    }

    private static BsonDocument Read(MemoryStream stream)
    {
        Span<byte> prefix = stackalloc byte[4];
        stream.ReadExactly(prefix);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < 5 || length > stream.Length - stream.Position + 4)
        {
            throw new FormatException($"a document of {length} bytes does not fit.");
        }

        var bytes = new byte[length];
        prefix.CopyTo(bytes);
        stream.ReadExactly(bytes, 4, length - 4);
        return BsonSerializer.Deserialize<BsonDocument>(bytes);
    }
}
