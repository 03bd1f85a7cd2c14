using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace TalentLink.Messaging.Infrastructure.Mongo;

// Documents as stored in MongoDB. Ids are ObjectIds; domain ids are Guids kept as strings (readable
// in any tool, and safe through updates); times are UTC to the millisecond.
//
// Where a document must exist at most once (a conversation per set of participants, a message per
// client message id), its _id is derived from what makes it unique (see DocumentIds): the primary
// key, which every MongoDB-speaking server enforces, decides a race, not only a unique secondary
// index (which some servers list but do not enforce).

internal sealed class ConversationDocument
{
    [BsonId]
    public ObjectId Id { get; set; }

    [BsonRepresentation(BsonType.String)]
    public Guid ConversationId { get; set; }

    public required string ParticipantKey { get; set; }

    /// <summary>The participants' ids, indexed: "my conversations" is an equality match on this array.</summary>
    public List<string> ParticipantIds { get; set; } = [];

    public List<ParticipantDocument> Participants { get; set; } = [];

    [BsonRepresentation(BsonType.String)]
    public Guid CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastActivityAt { get; set; }

    /// <summary>The newest message's sort key ("" before the first): the last-message update only moves forward.</summary>
    public string LastMessageKey { get; set; } = "";

    public MessageDocument? LastMessage { get; set; }

    /// <summary>Optimistic concurrency for read markers.</summary>
    public int Version { get; set; }

    public static ConversationDocument From(Conversation conversation) => new()
    {
        Id = DocumentIds.For("conversation", conversation.ParticipantKey),
        ConversationId = conversation.Id,
        ParticipantKey = conversation.ParticipantKey,
        ParticipantIds = conversation.Participants.Select(p => p.UserId.ToString()).ToList(),
        Participants = conversation.Participants.Select(ParticipantDocument.From).ToList(),
        CreatedBy = conversation.CreatedBy,
        CreatedAt = conversation.CreatedAt.UtcDateTime,
        LastActivityAt = conversation.LastActivityAt.UtcDateTime,
    };

    public Conversation ToConversation() => new()
    {
        Id = ConversationId,
        ParticipantKey = ParticipantKey,
        CreatedBy = CreatedBy,
        CreatedAt = Utc(CreatedAt),
        LastActivityAt = Utc(LastActivityAt),
        LastMessageId = LastMessage?.MessageId,
        LastMessage = LastMessage?.ToMessage(),
        Participants = Participants.Select(p => p.ToParticipant(ConversationId)).ToList(),
    };

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

internal sealed class ParticipantDocument
{
    [BsonRepresentation(BsonType.String)]
    public Guid UserId { get; set; }

    public string? LastReadKey { get; set; }

    [BsonRepresentation(BsonType.String)]
    public Guid? LastReadMessageId { get; set; }

    public DateTime? LastReadAt { get; set; }

    public static ParticipantDocument From(Participant participant) => new()
    {
        UserId = participant.UserId,
        LastReadKey = participant.LastReadKey,
        LastReadMessageId = participant.LastReadMessageId,
        LastReadAt = participant.LastReadAt?.UtcDateTime,
    };

    public Participant ToParticipant(Guid conversationId) => new()
    {
        ConversationId = conversationId,
        UserId = UserId,
        LastReadKey = LastReadKey,
        LastReadMessageId = LastReadMessageId,
        LastReadAt = LastReadAt is { } at ? ConversationDocument.Utc(at) : null,
    };
}

internal sealed class MessageDocument
{
    [BsonId]
    public ObjectId Id { get; set; }

    [BsonRepresentation(BsonType.String)]
    public Guid MessageId { get; set; }

    [BsonRepresentation(BsonType.String)]
    public Guid ConversationId { get; set; }

    [BsonRepresentation(BsonType.String)]
    public Guid SenderId { get; set; }

    /// <summary>Absent when the client sent none, so the partial unique index skips it.</summary>
    [BsonIgnoreIfNull]
    public string? ClientMessageId { get; set; }

    public required string Text { get; set; }

    public DateTime SentAt { get; set; }

    public required string SortKey { get; set; }

    public static MessageDocument From(Message message) => new()
    {
        Id = message.ClientMessageId is { } clientMessageId
            ? DocumentIds.For("message", $"{message.ConversationId:N}/{clientMessageId}")
            : ObjectId.GenerateNewId(),
        MessageId = message.Id,
        ConversationId = message.ConversationId,
        SenderId = message.SenderId,
        ClientMessageId = message.ClientMessageId,
        Text = message.Text,
        SentAt = message.SentAt.UtcDateTime,
        SortKey = message.SortKey,
    };

    public Message ToMessage() => new()
    {
        Id = MessageId,
        ConversationId = ConversationId,
        SenderId = SenderId,
        ClientMessageId = ClientMessageId,
        Text = Text,
        SentAt = ConversationDocument.Utc(SentAt),
        SortKey = SortKey,
    };
}
