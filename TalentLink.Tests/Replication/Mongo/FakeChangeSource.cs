using MongoDB.Bson;
using TalentLink.Operations.Replication.Mongo;

namespace TalentLink.Tests.Replication.Mongo;

/// <summary>
/// A change stream as a replica set would give it, fed by the test: every change appended to
/// <see cref="Log"/> gets the resume token <c>{ n: position after it }</c>, and a stream opened after
/// a token returns the changes after it, as MongoDB resumes. The test server lacks change streams,
/// so this stands in for the server's side while the documents themselves live in the test server.
/// </summary>
public sealed class FakeChangeSource : IMongoChangeSource
{
    private readonly Lock _gate = new();

    public List<MongoChange> Log { get; } = [];

    /// <summary>The resume token each stream was opened after (null: from now).</summary>
    public List<BsonDocument?> Opened { get; } = [];

    /// <summary>When set, a stream opened after a token fails as if the oplog had rolled past it.</summary>
    public bool HistoryLost { get; set; }

    public static BsonDocument Token(long position) => new("n", position);

    public void Append(string collection, MongoChangeKind kind, BsonValue? id, BsonDocument? document)
    {
        lock (_gate)
        {
            Log.Add(new MongoChange(collection, kind, id, document?.DeepClone().AsBsonDocument, null, null, Token(Log.Count + 1)));
        }
    }

    public Task<string?> ChangeStreamsUnsupportedAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<IMongoChangeStream> OpenAsync(BsonDocument? resumeAfter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Opened.Add(resumeAfter);
            if (resumeAfter is not null && HistoryLost)
            {
                throw new MongoChangeStreamLostException("resume point no longer in the oplog");
            }

            return Task.FromResult<IMongoChangeStream>(new Stream(this, resumeAfter?["n"].ToInt64() ?? Log.Count));
        }
    }

    private sealed class Stream(FakeChangeSource source, long position) : IMongoChangeStream
    {
        public BsonDocument? ResumeToken => Token(position);

        public Task<IReadOnlyList<MongoChange>> ReadAsync(CancellationToken cancellationToken)
        {
            lock (source._gate)
            {
                var batch = source.Log.Skip((int)position).Take(3).ToList(); // small batches: a tick reads several
                position += batch.Count;
                return Task.FromResult<IReadOnlyList<MongoChange>>(batch);
            }
        }

        public void Dispose()
        {
        }
    }
}
