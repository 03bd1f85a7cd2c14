namespace TalentLink.Messaging.Infrastructure;

/// <summary>
/// The message store on the shared relational data library: messaging.db on SQLite where no MongoDB
/// is available, or PostgreSQL after the provider flip. Backups and the SQLite→PostgreSQL migrator
/// cover it like every relational service.
/// </summary>
public sealed class EmbeddedMessageStore(MessagingContext context) : IMessageStore
{
    public async Task<(Conversation Conversation, bool Created)> CreateConversationAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        if (await FindByKeyAsync(conversation.ParticipantKey, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        context.Conversations.Add(conversation);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return (conversation, true);
        }
        catch (DbUpdateException)
        {
            // The same people opened a conversation at the same moment: the unique key kept one.
            context.ChangeTracker.Clear();
            return (await FindByKeyAsync(conversation.ParticipantKey, cancellationToken) ?? throw new InvalidOperationException(
                "A conversation could not be created and no conversation exists for its participants."), false);
        }
    }

    public async Task<Conversation?> FindConversationAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await FindParticipantsAsync(conversationId, cancellationToken);
        return conversation is null ? null : (await WithLastMessagesAsync([conversation], cancellationToken))[0];
    }

    public Task<Conversation?> FindParticipantsAsync(Guid conversationId, CancellationToken cancellationToken) =>
        Conversations().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);

    public async Task<(IReadOnlyList<Conversation> Items, long TotalCount)> ListConversationsAsync(Guid userId, int skip, int take, CancellationToken cancellationToken)
    {
        var mine = Conversations().Where(c => c.Participants.Any(p => p.UserId == userId));
        var total = await mine.LongCountAsync(cancellationToken);
        var page = await mine.OrderByDescending(c => c.LastActivityAt).ThenBy(c => c.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (await WithLastMessagesAsync(page, cancellationToken), total);
    }

    public async Task<IReadOnlyList<Guid>> ConversationIdsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await context.Participants.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.ConversationId).ToListAsync(cancellationToken);

    public async Task<(Message Message, bool Created)> AppendMessageAsync(Message message, CancellationToken cancellationToken)
    {
        if (await FindByClientIdAsync(message, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }

        var strategy = context.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                // The message and the conversation's "last message" change together or not at all.
                await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
                context.Messages.Add(message);
                await context.SaveChangesAsync(cancellationToken);
                await context.Conversations
                    .Where(c => c.Id == message.ConversationId && (c.LastMessageId == null || c.LastActivityAt <= message.SentAt))
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(c => c.LastMessageId, message.Id)
                        .SetProperty(c => c.LastActivityAt, message.SentAt), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
            return (message, true);
        }
        catch (DbUpdateException) when (message.ClientMessageId is not null)
        {
            // A concurrent resend won the unique (conversation, client message id) index.
            context.ChangeTracker.Clear();
            return (await FindByClientIdAsync(message, cancellationToken) ?? throw new InvalidOperationException(
                $"Message {message.Id} could not be stored and no earlier message has client id '{message.ClientMessageId}'."), false);
        }
        finally
        {
            context.ChangeTracker.Clear();
        }
    }

    public Task<Message?> FindMessageAsync(Guid conversationId, Guid messageId, CancellationToken cancellationToken) =>
        context.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.ConversationId == conversationId && m.Id == messageId, cancellationToken);

    public Task<Message?> LatestMessageAsync(Guid conversationId, CancellationToken cancellationToken) =>
        context.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.SortKey).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<Message>> HistoryAsync(Guid conversationId, string? beforeKey, int take, CancellationToken cancellationToken)
    {
        var query = context.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        if (beforeKey is not null)
        {
            query = query.Where(m => string.Compare(m.SortKey, beforeKey) < 0);
        }

        return await query.OrderByDescending(m => m.SortKey).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Message>> MessagesAfterAsync(IReadOnlyCollection<Guid> conversationIds, string afterKey, int take, CancellationToken cancellationToken) =>
        await context.Messages.AsNoTracking()
            .Where(m => conversationIds.Contains(m.ConversationId) && string.Compare(m.SortKey, afterKey) > 0)
            .OrderBy(m => m.SortKey).Take(take).ToListAsync(cancellationToken);

    public async Task<bool> MarkReadAsync(Guid conversationId, Guid userId, Message message, DateTimeOffset readAt, CancellationToken cancellationToken) =>
        await context.Participants
            .Where(p => p.ConversationId == conversationId && p.UserId == userId
                && (p.LastReadKey == null || string.Compare(p.LastReadKey, message.SortKey) < 0))
            .ExecuteUpdateAsync(set => set
                .SetProperty(p => p.LastReadKey, message.SortKey)
                .SetProperty(p => p.LastReadMessageId, message.Id)
                .SetProperty(p => p.LastReadAt, readAt), cancellationToken) > 0;

    public Task<long> CountUnreadAsync(Guid conversationId, Guid userId, string? lastReadKey, CancellationToken cancellationToken) =>
        context.Messages.Where(m => m.ConversationId == conversationId && m.SenderId != userId
                && (lastReadKey == null || string.Compare(m.SortKey, lastReadKey) > 0))
            .LongCountAsync(cancellationToken);

    /// <summary>One grouped query: each message joined to the user's own read marker in its conversation.</summary>
    public async Task<IReadOnlyDictionary<Guid, long>> CountUnreadAsync(Guid userId, IReadOnlyCollection<Conversation> conversations, CancellationToken cancellationToken)
    {
        var ids = conversations.Select(c => c.Id).ToList();
        var counts = await (
                from message in context.Messages
                join reader in context.Participants on message.ConversationId equals reader.ConversationId
                where ids.Contains(message.ConversationId) && reader.UserId == userId && message.SenderId != userId
                    && (reader.LastReadKey == null || string.Compare(message.SortKey, reader.LastReadKey) > 0)
                group message by message.ConversationId into unread
                select new { ConversationId = unread.Key, Count = unread.LongCount() })
            .ToDictionaryAsync(c => c.ConversationId, c => c.Count, cancellationToken);
        return ids.ToDictionary(id => id, counts.GetValueOrDefault);
    }

    public async Task<long> EraseUserAsync(Guid userId, Guid anonymousId, CancellationToken cancellationToken)
    {
        var strategy = context.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                context.ChangeTracker.Clear();
                await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
                var erased = await context.Messages.Where(m => m.SenderId == userId)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(m => m.SenderId, anonymousId)
                        .SetProperty(m => m.Text, Message.DeletedText)
                        .SetProperty(m => m.ClientMessageId, (string?)null), cancellationToken);

                // A participant row is keyed by the user id: it is replaced, not re-keyed.
                var conversations = await context.Conversations.AsNoTracking().Include(c => c.Participants)
                    .Where(c => c.Participants.Any(p => p.UserId == userId) || c.CreatedBy == userId)
                    .ToListAsync(cancellationToken);
                await context.Participants.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
                foreach (var conversation in conversations)
                {
                    conversation.ReplaceParticipant(userId, anonymousId);
                    context.Participants.AddRange(conversation.Participants.Where(p => p.UserId == anonymousId));
                    await context.Conversations.Where(c => c.Id == conversation.Id)
                        .ExecuteUpdateAsync(set => set
                            .SetProperty(c => c.CreatedBy, conversation.CreatedBy)
                            .SetProperty(c => c.ParticipantKey, conversation.ParticipantKey), cancellationToken);
                }

                await context.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (long)erased;
            });
        }
        finally
        {
            context.ChangeTracker.Clear();
        }
    }

    private IQueryable<Conversation> Conversations() => context.Conversations.AsNoTracking().Include(c => c.Participants);

    private Task<Conversation?> FindByKeyAsync(string participantKey, CancellationToken cancellationToken) =>
        Conversations().SingleOrDefaultAsync(c => c.ParticipantKey == participantKey, cancellationToken);

    private Task<Message?> FindByClientIdAsync(Message message, CancellationToken cancellationToken) =>
        message.ClientMessageId is null
            ? Task.FromResult<Message?>(null)
            : context.Messages.AsNoTracking().SingleOrDefaultAsync(
                m => m.ConversationId == message.ConversationId && m.ClientMessageId == message.ClientMessageId, cancellationToken);

    private async Task<IReadOnlyList<Conversation>> WithLastMessagesAsync(List<Conversation> conversations, CancellationToken cancellationToken)
    {
        var ids = conversations.Where(c => c.LastMessageId is not null).Select(c => c.LastMessageId!.Value).ToList();
        if (ids.Count > 0)
        {
            var messages = await context.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
            foreach (var conversation in conversations)
            {
                conversation.LastMessage = conversation.LastMessageId is { } id ? messages.GetValueOrDefault(id) : null;
            }
        }

        return conversations;
    }
}
