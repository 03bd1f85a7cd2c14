using MongoDB.Bson;

namespace TalentLink.Operations.Replication.Mongo;

public enum MongoChangeKind
{
    /// <summary>An insert, update or replace: <see cref="MongoChange.Document"/> is the whole document after it.</summary>
    Put,

    /// <summary>A delete of the document whose <c>_id</c> is <see cref="MongoChange.Id"/>.</summary>
    Delete,

    /// <summary>The collection was dropped: every document in it is gone.</summary>
    Drop,

    /// <summary>The stream cannot continue (a rename, a dropped database): shipping starts a new timeline.</summary>
    Invalidate,
}

/// <summary>One change from messaging's change stream, as shipped and replayed (idempotently, by <c>_id</c>).</summary>
public sealed record MongoChange(
    string Collection,
    MongoChangeKind Kind,
    BsonValue? Id,
    BsonDocument? Document,
    BsonTimestamp? ClusterTime,
    DateTime? WallTime,
    BsonDocument ResumeToken);

/// <summary>
/// Where the changes come from: the driver's change stream on a replica set
/// (<see cref="DriverChangeSource"/>), or a fake in tests.
/// </summary>
public interface IMongoChangeSource
{
    /// <summary>Null when the server offers change streams; otherwise why not (a standalone server, the test server).</summary>
    Task<string?> ChangeStreamsUnsupportedAsync(CancellationToken cancellationToken);

    /// <summary>Opens the stream after <paramref name="resumeAfter"/> (or from now). Throws <see cref="MongoChangeStreamLostException"/> when the server no longer holds that point.</summary>
    Task<IMongoChangeStream> OpenAsync(BsonDocument? resumeAfter, CancellationToken cancellationToken);
}

public interface IMongoChangeStream : IDisposable
{
    /// <summary>The next changes that have arrived (after a short wait at most); empty when there are none now.</summary>
    Task<IReadOnlyList<MongoChange>> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Resumes after everything returned so far (the server's post-batch token when it has one).</summary>
    BsonDocument? ResumeToken { get; }
}

/// <summary>The server offers no change streams (not a replica set).</summary>
public sealed class MongoChangeStreamsUnsupportedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The stored resume point is gone from the server (the oplog rolled past it, another cluster).</summary>
public sealed class MongoChangeStreamLostException(string message, Exception? inner = null) : Exception(message, inner);
