namespace TalentLink.Messaging.Model;

public sealed record StartConversationRequest(IReadOnlyList<Guid>? ParticipantIds, string? Text, string? ClientMessageId);

public sealed record SendMessageRequest(string? Text, string? ClientMessageId);

public sealed record MarkReadRequest(Guid? MessageId);

public sealed record MessageResponse(
    Guid Id, Guid ConversationId, Guid SenderId, string Text, DateTimeOffset SentAt, string? ClientMessageId,
    string Cursor, IReadOnlyList<Guid> ReadBy)
{
    public static MessageResponse From(Message message, Conversation conversation) => new(
        message.Id, message.ConversationId, message.SenderId, message.Text, message.SentAt, message.ClientMessageId,
        message.SortKey,
        conversation.Participants.Where(p => p.UserId != message.SenderId && p.HasRead(message)).Select(p => p.UserId).ToList());
}

public sealed record ParticipantResponse(Guid UserId, Guid? LastReadMessageId, DateTimeOffset? LastReadAt);

public sealed record ConversationResponse(
    Guid Id, Guid CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt,
    IReadOnlyList<ParticipantResponse> Participants, MessageResponse? LastMessage, long UnreadCount)
{
    public static ConversationResponse From(Conversation conversation, long unreadCount) => new(
        conversation.Id, conversation.CreatedBy, conversation.CreatedAt, conversation.LastActivityAt,
        conversation.Participants.Select(p => new ParticipantResponse(p.UserId, p.LastReadMessageId, p.LastReadAt)).ToList(),
        conversation.LastMessage is { } last ? MessageResponse.From(last, conversation) : null,
        unreadCount);
}

/// <summary>A page of history, newest first; pass <see cref="NextCursor"/> as <c>before</c> for older messages.</summary>
public sealed record MessagePage(IReadOnlyList<MessageResponse> Items, string? NextCursor);

/// <summary>What a reconnecting client missed, oldest first; pass <see cref="NextCursor"/> as <c>after</c> while <see cref="HasMore"/>.</summary>
public sealed record CatchUpResponse(IReadOnlyList<MessageResponse> Items, string? NextCursor, bool HasMore);

/// <summary>Hub event: someone read a conversation up to a message.</summary>
public sealed record ReadReceipt(Guid ConversationId, Guid UserId, Guid MessageId, string Cursor, DateTimeOffset ReadAt);

/// <summary>Hub event: someone is typing in a conversation.</summary>
public sealed record TypingNotice(Guid ConversationId, Guid UserId);
