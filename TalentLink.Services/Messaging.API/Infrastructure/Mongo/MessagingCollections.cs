using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Driver;

namespace TalentLink.Messaging.Infrastructure.Mongo;

/// <summary>The messaging collections in the service's MongoDB database, and their indexes.</summary>
internal sealed class MessagingCollections
{
    public const string ConversationsName = "conversations";
    public const string MessagesName = "messages";

    static MessagingCollections()
    {
        // camelCase element names for these documents only; nothing global beyond this namespace.
        ConventionRegistry.Register(
            "TalentLink.Messaging",
            new ConventionPack { new CamelCaseElementNameConvention() },
            type => type.Namespace == typeof(MessagingCollections).Namespace);
    }

    public MessagingCollections(IMongoDatabase database)
    {
        Conversations = database.GetCollection<ConversationDocument>(ConversationsName);
        Messages = database.GetCollection<MessageDocument>(MessagesName);
    }

    public IMongoCollection<ConversationDocument> Conversations { get; }

    public IMongoCollection<MessageDocument> Messages { get; }

    /// <summary>Creates the indexes (idempotent: an existing identical index is left as it is).</summary>
    public async Task CreateIndexesAsync(CancellationToken cancellationToken)
    {
        var conversation = Builders<ConversationDocument>.IndexKeys;
        await Conversations.Indexes.CreateManyAsync(
        [
            new(conversation.Ascending(c => c.ConversationId), new CreateIndexOptions { Name = "conversationId", Unique = true }),
            new(conversation.Ascending(c => c.ParticipantKey), new CreateIndexOptions { Name = "participantKey", Unique = true }),
            new(conversation.Ascending(c => c.ParticipantIds).Descending(c => c.LastActivityAt), new CreateIndexOptions { Name = "participant_activity" }),
        ], cancellationToken);

        var message = Builders<MessageDocument>.IndexKeys;
        await Messages.Indexes.CreateManyAsync(
        [
            // History (newest first) and catch-up: by conversation, then time (the sort key starts with the time).
            new(message.Ascending(m => m.ConversationId).Descending(m => m.SortKey), new CreateIndexOptions { Name = "conversation_time" }),
            new(message.Ascending(m => m.MessageId), new CreateIndexOptions { Name = "messageId", Unique = true }),

            // The message's _id already makes a resend insert nothing (see DocumentIds); a real MongoDB enforces this too.
            new(message.Ascending(m => m.ConversationId).Ascending(m => m.ClientMessageId), new CreateIndexOptions<MessageDocument>
            {
                Name = "conversation_clientMessageId",
                Unique = true,
                PartialFilterExpression = Builders<MessageDocument>.Filter.Exists(m => m.ClientMessageId),
            }),
        ], cancellationToken);
    }
}
