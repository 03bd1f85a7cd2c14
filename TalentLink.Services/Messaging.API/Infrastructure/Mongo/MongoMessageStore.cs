using MongoDB.Driver;
using TalentLink.Messaging.Infrastructure.Mongo;

namespace TalentLink.Messaging.Infrastructure;

/// <summary>
/// The message store on MongoDB: one document per conversation (participants, read markers and a
/// copy of the last message) and one per message. A conversation's <c>_id</c> derives from its
/// participants and a resendable message's from (conversation, client message id), so of two
/// concurrent creators the primary key keeps one (see <see cref="DocumentIds"/>); the unique secondary
/// indexes say the same again for a real MongoDB.
/// </summary>
internal sealed class MongoMessageStore(MessagingCollections collections) : IMessageStore
{
    private const int MaxReadMarkerAttempts = 20;

    private static readonly FilterDefinitionBuilder<ConversationDocument> ConversationFilter = Builders<ConversationDocument>.Filter;
    private static readonly FilterDefinitionBuilder<MessageDocument> MessageFilter = Builders<MessageDocument>.Filter;

    public async Task<(Conversation Conversation, bool Created)> CreateConversationAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        if (await FindByKeyAsync(conversation.ParticipantKey, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        try
        {
            await collections.Conversations.InsertOneAsync(ConversationDocument.From(conversation), cancellationToken: cancellationToken);
            return (conversation, true);
        }
        catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return (await FindByKeyAsync(conversation.ParticipantKey, cancellationToken) ?? throw new InvalidOperationException(
                "A conversation could not be created and no conversation exists for its participants.", ex), false);
        }
    }

    public async Task<Conversation?> FindConversationAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var document = await collections.Conversations.Find(ConversationFilter.Eq(c => c.ConversationId, conversationId))
            .FirstOrDefaultAsync(cancellationToken);
        return document?.ToConversation();
    }

    public Task<Conversation?> FindParticipantsAsync(Guid conversationId, CancellationToken cancellationToken) =>
        FindConversationAsync(conversationId, cancellationToken);

    public async Task<(IReadOnlyList<Conversation> Items, long TotalCount)> ListConversationsAsync(Guid userId, int skip, int take, CancellationToken cancellationToken)
    {
        var filter = ConversationFilter.AnyEq(c => c.ParticipantIds, userId.ToString());
        var total = await collections.Conversations.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        var page = await collections.Conversations.Find(filter)
            .Sort(Builders<ConversationDocument>.Sort.Descending(c => c.LastActivityAt).Ascending(c => c.ConversationId))
            .Skip(skip).Limit(take).ToListAsync(cancellationToken);
        return (page.Select(d => d.ToConversation()).ToList(), total);
    }

    public async Task<IReadOnlyList<Guid>> ConversationIdsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await collections.Conversations.Find(ConversationFilter.AnyEq(c => c.ParticipantIds, userId.ToString()))
            .Project(c => c.ConversationId).ToListAsync(cancellationToken);

    public async Task<(Conversation? Conversation, Message? Earlier)> FindForSendAsync(Guid conversationId, string? clientMessageId, CancellationToken cancellationToken)
    {
        var conversation = await FindParticipantsAsync(conversationId, cancellationToken);
        return (conversation, conversation is null ? null : await FindByClientIdAsync(conversationId, clientMessageId, cancellationToken));
    }

    /// <summary>
    /// The conversation document's own filter keeps its last message moving forward, so
    /// <paramref name="conversation"/> is not needed here.
    /// </summary>
    public async Task<(Message Message, bool Created)> AppendMessageAsync(Conversation conversation, Message message, CancellationToken cancellationToken)
    {
        if (await FindByClientIdAsync(message.ConversationId, message.ClientMessageId, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }

        var document = MessageDocument.From(message);
        try
        {
            await collections.Messages.InsertOneAsync(document, cancellationToken: cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey && message.ClientMessageId is not null)
        {
            // A concurrent resend inserted the same _id (or won the unique (conversationId, clientMessageId) index) first.
            return (await FindByClientIdAsync(message.ConversationId, message.ClientMessageId, cancellationToken) ?? throw new InvalidOperationException(
                $"Message {message.Id} could not be stored and no earlier message has client id '{message.ClientMessageId}'.", ex), false);
        }

        // The conversation's copy of its last message only ever moves forward.
        await collections.Conversations.UpdateOneAsync(
            ConversationFilter.Eq(c => c.ConversationId, message.ConversationId) & ConversationFilter.Lt(c => c.LastMessageKey, message.SortKey),
            Builders<ConversationDocument>.Update
                .Set(c => c.LastMessageKey, message.SortKey)
                .Set(c => c.LastMessage, document)
                .Set(c => c.LastActivityAt, document.SentAt),
            cancellationToken: cancellationToken);
        return (message, true);
    }

    public async Task<Message?> FindMessageAsync(Guid conversationId, Guid messageId, CancellationToken cancellationToken)
    {
        var document = await collections.Messages
            .Find(MessageFilter.Eq(m => m.MessageId, messageId) & MessageFilter.Eq(m => m.ConversationId, conversationId))
            .FirstOrDefaultAsync(cancellationToken);
        return document?.ToMessage();
    }

    public async Task<Message?> LatestMessageAsync(Guid conversationId, CancellationToken cancellationToken) =>
        (await HistoryAsync(conversationId, null, 1, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<Message>> HistoryAsync(Guid conversationId, string? beforeKey, int take, CancellationToken cancellationToken)
    {
        var filter = MessageFilter.Eq(m => m.ConversationId, conversationId);
        if (beforeKey is not null)
        {
            filter &= MessageFilter.Lt(m => m.SortKey, beforeKey);
        }

        var documents = await collections.Messages.Find(filter)
            .Sort(Builders<MessageDocument>.Sort.Descending(m => m.SortKey))
            .Limit(take).ToListAsync(cancellationToken);
        return documents.Select(d => d.ToMessage()).ToList();
    }

    public async Task<IReadOnlyList<Message>> MessagesAfterAsync(IReadOnlyCollection<Guid> conversationIds, string afterKey, int take, CancellationToken cancellationToken)
    {
        var documents = await collections.Messages
            .Find(MessageFilter.In(m => m.ConversationId, conversationIds) & MessageFilter.Gt(m => m.SortKey, afterKey))
            .Sort(Builders<MessageDocument>.Sort.Ascending(m => m.SortKey))
            .Limit(take).ToListAsync(cancellationToken);
        return documents.Select(d => d.ToMessage()).ToList();
    }

    public async Task<bool> MarkReadAsync(Guid conversationId, Guid userId, Message message, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        // Read-modify-write on the participants array, guarded by the document version: a concurrent
        // marker update by another participant makes this attempt miss, and it retries on fresh data.
        for (var attempt = 0; attempt < MaxReadMarkerAttempts; attempt++)
        {
            var document = await collections.Conversations.Find(ConversationFilter.Eq(c => c.ConversationId, conversationId))
                .FirstOrDefaultAsync(cancellationToken);
            var participant = document?.Participants.FirstOrDefault(p => p.UserId == userId);
            if (document is null || participant is null
                || (participant.LastReadKey is not null && string.CompareOrdinal(participant.LastReadKey, message.SortKey) >= 0))
            {
                return false;
            }

            participant.LastReadKey = message.SortKey;
            participant.LastReadMessageId = message.Id;
            participant.LastReadAt = readAt.UtcDateTime;
            var result = await collections.Conversations.UpdateOneAsync(
                ConversationFilter.Eq(c => c.Id, document.Id) & ConversationFilter.Eq(c => c.Version, document.Version),
                Builders<ConversationDocument>.Update.Set(c => c.Participants, document.Participants).Inc(c => c.Version, 1),
                cancellationToken: cancellationToken);
            if (result.ModifiedCount == 1)
            {
                return true;
            }
        }

        throw new InvalidOperationException($"The read marker of conversation {conversationId} kept changing; giving up after {MaxReadMarkerAttempts} attempts.");
    }

    public Task<long> CountUnreadAsync(Guid conversationId, Guid userId, string? lastReadKey, CancellationToken cancellationToken)
    {
        var filter = MessageFilter.Eq(m => m.ConversationId, conversationId) & MessageFilter.Ne(m => m.SenderId, userId);
        if (lastReadKey is not null)
        {
            filter &= MessageFilter.Gt(m => m.SortKey, lastReadKey);
        }

        return collections.Messages.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
    }

    /// <summary>One indexed count per conversation of the page (read markers live in each conversation's document).</summary>
    public async Task<IReadOnlyDictionary<Guid, long>> CountUnreadAsync(Guid userId, IReadOnlyCollection<Conversation> conversations, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<Guid, long>(conversations.Count);
        foreach (var conversation in conversations)
        {
            var lastReadKey = conversation.Participants.FirstOrDefault(p => p.UserId == userId)?.LastReadKey;
            counts[conversation.Id] = await CountUnreadAsync(conversation.Id, userId, lastReadKey, cancellationToken);
        }

        return counts;
    }

    public async Task<long> EraseUserAsync(Guid userId, Guid anonymousId, CancellationToken cancellationToken)
    {
        var erased = await collections.Messages.UpdateManyAsync(
            MessageFilter.Eq(m => m.SenderId, userId),
            Builders<MessageDocument>.Update
                .Set(m => m.SenderId, anonymousId)
                .Set(m => m.Text, Message.DeletedText)
                .Unset(m => m.ClientMessageId),
            cancellationToken: cancellationToken);

        var documents = await collections.Conversations.Find(
                ConversationFilter.AnyEq(c => c.ParticipantIds, userId.ToString()) | ConversationFilter.Eq(c => c.CreatedBy, userId))
            .ToListAsync(cancellationToken);
        foreach (var document in documents)
        {
            var conversation = document.ToConversation();
            conversation.ReplaceParticipant(userId, anonymousId);
            var replacement = ConversationDocument.From(conversation);
            replacement.Id = document.Id;
            replacement.LastActivityAt = document.LastActivityAt;
            replacement.LastMessageKey = document.LastMessageKey;
            replacement.Version = document.Version + 1;
            replacement.LastMessage = document.LastMessage;
            if (replacement.LastMessage is { } last && last.SenderId == userId)
            {
                last.SenderId = anonymousId;
                last.Text = Message.DeletedText;
                last.ClientMessageId = null;
            }

            await collections.Conversations.ReplaceOneAsync(ConversationFilter.Eq(c => c.Id, document.Id), replacement, cancellationToken: cancellationToken);
        }

        return erased.ModifiedCount;
    }

    private async Task<Conversation?> FindByKeyAsync(string participantKey, CancellationToken cancellationToken)
    {
        var document = await collections.Conversations.Find(ConversationFilter.Eq(c => c.ParticipantKey, participantKey))
            .FirstOrDefaultAsync(cancellationToken);
        return document?.ToConversation();
    }

    private async Task<Message?> FindByClientIdAsync(Guid conversationId, string? clientMessageId, CancellationToken cancellationToken)
    {
        if (clientMessageId is null)
        {
            return null;
        }

        var document = await collections.Messages
            .Find(MessageFilter.Eq(m => m.ConversationId, conversationId) & MessageFilter.Eq(m => m.ClientMessageId, clientMessageId))
            .FirstOrDefaultAsync(cancellationToken);
        return document?.ToMessage();
    }
}
