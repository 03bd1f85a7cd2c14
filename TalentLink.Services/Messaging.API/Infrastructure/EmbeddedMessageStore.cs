using System.Linq.Expressions;
using TalentLink.Data;

namespace TalentLink.Messaging.Infrastructure;

/// <summary>
/// The message store on the shared relational data library: messaging.db on SQLite where no MongoDB
/// is available, or PostgreSQL after the provider flip. Backups and the SQLite→PostgreSQL migrator
/// cover it like every relational service.
/// </summary>
public sealed class EmbeddedMessageStore(MessagingContext context) : IMessageStore
{
    /// <summary>
    /// How often a send reads its conversation again because other sends moved it first. Each retry
    /// means another message landed (a busy conversation, not a failure); this only bounds the loop.
    /// </summary>
    private const int MaxAppendAttempts = 10;

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

    public async Task<Conversation?> FindConversationAsync(Guid conversationId, CancellationToken cancellationToken) =>
        (await WithLastMessage(Conversations().Where(c => c.Id == conversationId)).ToListAsync(cancellationToken)).SingleOrDefault();

    public Task<Conversation?> FindParticipantsAsync(Guid conversationId, CancellationToken cancellationToken) =>
        Conversations().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);

    public async Task<(IReadOnlyList<Conversation> Items, long TotalCount)> ListConversationsAsync(Guid userId, int skip, int take, CancellationToken cancellationToken)
    {
        var mine = Conversations().Where(c => c.Participants.Any(p => p.UserId == userId));

        var page = await WithLastMessage(mine.OrderByDescending(c => c.LastActivityAt).ThenBy(c => c.Id).Skip(skip).Take(take))
            .ToListAsync(cancellationToken);

        // A page that is not full (and not past the end) tells the total without counting.
        var total = page.Count < take && (page.Count > 0 || skip == 0) ? skip + page.Count : await mine.LongCountAsync(cancellationToken);
        return (page, total);
    }

    public async Task<IReadOnlyList<Guid>> ConversationIdsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await context.Participants.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.ConversationId).ToListAsync(cancellationToken);

    public async Task<(Conversation? Conversation, Message? Earlier)> FindForSendAsync(Guid conversationId, string? clientMessageId, CancellationToken cancellationToken)
    {
        if (clientMessageId is null)
        {
            return (await FindParticipantsAsync(conversationId, cancellationToken), null);
        }

        // One round trip: the conversation, its participants, and the message this client id already sent.
        var found = await (
                from conversation in Conversations().Where(c => c.Id == conversationId)
                join message in context.Messages.Where(SentWith(conversationId, clientMessageId))
                    on conversation.Id equals message.ConversationId into earlier
                from message in earlier.DefaultIfEmpty()
                select new { Conversation = conversation, Earlier = message })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        return (found?.Conversation, found?.Earlier);
    }

    public async Task<(Message Message, bool Created)> AppendMessageAsync(Conversation conversation, Message message, CancellationToken cancellationToken)
    {
        var expected = conversation;

        // Nothing from an earlier call (a conversation just created) may stand in for the stub below.
        context.ChangeTracker.Clear();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                // The message and the conversation's move to it are one save: on PostgreSQL one batch and
                // its commit. The move is "… WHERE LastMessageId = <the one this caller read>" (a
                // concurrency token), so a send that lost a race reads the conversation again and retries.
                context.Messages.Add(message);
                if (Advances(expected, message))
                {
                    var tracked = context.Conversations.Attach(new Conversation
                    {
                        Id = expected.Id,
                        ParticipantKey = expected.ParticipantKey,
                        LastMessageId = expected.LastMessageId,
                        LastActivityAt = expected.LastActivityAt,
                    }).Entity;
                    tracked.LastMessageId = message.Id;
                    tracked.LastActivityAt = message.SentAt;
                }

                try
                {
                    await context.SaveChangesAsync(cancellationToken);
                    return (message, true);
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxAppendAttempts)
                {
                    context.ChangeTracker.Clear();
                    expected = await FindParticipantsAsync(message.ConversationId, cancellationToken) ?? throw new InvalidOperationException(
                        $"Conversation {message.ConversationId} was deleted while message {message.Id} was being stored.");
                }
            }
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && message.ClientMessageId is not null)
        {
            // A concurrent resend won the unique (conversation, client message id) index.
            context.ChangeTracker.Clear();
            return (await FindByClientIdAsync(message, cancellationToken) ?? throw new InvalidOperationException(
                $"Message {message.Id} could not be stored and no earlier message has client id '{message.ClientMessageId}'.", ex), false);
        }
        finally
        {
            context.ChangeTracker.Clear();
        }

        // The conversation's last message only moves forward, in sort key order (its time, then its id).
        static bool Advances(Conversation conversation, Message message) =>
            conversation.LastMessageId is not { } lastId
            || string.CompareOrdinal(message.SortKey, Message.SortKeyFor(conversation.LastActivityAt, lastId)) > 0;
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
                .SetProperty(p => p.LastReadAt, StorageTime.Truncate(readAt)), cancellationToken) > 0;

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
            : context.Messages.AsNoTracking().SingleOrDefaultAsync(SentWith(message.ConversationId, message.ClientMessageId), cancellationToken);

    /// <summary>The message sent in the conversation with this client message id (at most one: a unique index).</summary>
    private static Expression<Func<Message, bool>> SentWith(Guid conversationId, string clientMessageId) =>
        m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId;

    /// <summary>Each conversation with its last message, in the same query (a join on the message's key).</summary>
    private IQueryable<Conversation> WithLastMessage(IQueryable<Conversation> conversations) =>
        from conversation in conversations
        join message in context.Messages on conversation.LastMessageId equals (Guid?)message.Id into last
        from message in last.DefaultIfEmpty()
        select conversation.WithLastMessage(message);
}
