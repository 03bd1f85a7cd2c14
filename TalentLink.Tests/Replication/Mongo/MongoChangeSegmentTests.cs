using MongoDB.Bson;
using TalentLink.Data.Replication;
using TalentLink.Operations.Replication.Mongo;

namespace TalentLink.Tests.Replication.Mongo;

/// <summary>A change segment keeps every change, its document and the resume token after it; a damaged one is refused, named.</summary>
[Trait("Category", "unit")]
public sealed class MongoChangeSegmentTests
{
    [Fact]
    public void A_segment_reads_back_every_change_in_order_with_the_resume_token_after_the_last()
    {
        var id = ObjectId.GenerateNewId();
        var document = new BsonDocument { ["_id"] = id, ["text"] = "Zoë ✓", ["at"] = new BsonDateTime(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc)), ["n"] = new BsonInt64(5_000_000_000) };
        var token = new BsonDocument("_data", "8263A1");
        var segment = new MongoChangeSegment(new DateTimeOffset(2026, 12, 1, 10, 0, 1, TimeSpan.Zero), token,
        [
            new MongoChange("messages", MongoChangeKind.Put, id, document, new BsonTimestamp(1, 2), null, token),
            new MongoChange("messages", MongoChangeKind.Delete, id, null, new BsonTimestamp(1, 3), null, token),
            new MongoChange("conversations", MongoChangeKind.Drop, null, null, null, null, token),
        ]);

        var read = MongoChangeSegment.Decode(segment.Encode(), "s.seg");

        Assert.Equal(segment.RecordedAt, read.RecordedAt);
        Assert.Equal(token, read.ResumeToken);
        Assert.Equal([MongoChangeKind.Put, MongoChangeKind.Delete, MongoChangeKind.Drop], read.Changes.Select(c => c.Kind));
        Assert.Equal(document, read.Changes[0].Document);
        Assert.Equal(id, read.Changes[1].Id);
        Assert.Equal("conversations", read.Changes[2].Collection);
    }

    [Fact]
    public void A_truncated_or_foreign_segment_is_refused_naming_it()
    {
        var id = ObjectId.GenerateNewId();
        var bytes = new MongoChangeSegment(DateTimeOffset.UnixEpoch, new BsonDocument("n", 1),
            [new MongoChange("messages", MongoChangeKind.Put, id, new BsonDocument("_id", id), null, null, new BsonDocument("n", 1))]).Encode();

        Assert.Contains("wal/7.seg", Assert.Throws<ReplicaCorruptException>(() => MongoChangeSegment.Decode(bytes[..^3], "wal/7.seg")).Message);
        Assert.Contains("not a MongoDB change segment", Assert.Throws<ReplicaCorruptException>(() => MongoChangeSegment.Decode("SQLite format 3\0"u8.ToArray(), "x.seg")).Message);
    }
}
