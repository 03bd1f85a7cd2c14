namespace TalentLink.Messaging.Infrastructure;

/// <summary>
/// Where conversations and messages live: MongoDB (<see cref="MongoMessageStore"/>) or the embedded
/// relational store (<see cref="EmbeddedMessageStore"/>, SQLite by default). Both pass the same
/// behavioural test suite. Conversations come back with their participants and last message.
/// </summary>
public interface IMessageStore
{
    /// <summary>Creates the conversation, or returns the one that already exists for the same participants.</summary>
    Task<(Conversation Conversation, bool Created)> CreateConversationAsync(Conversation conversation, CancellationToken cancellationToken);

    Task<Conversation?> FindConversationAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// The conversation with its participants, its last message possibly left out: what checking a
    /// participant's access needs (the relational store saves a read; MongoDB keeps both in one document).
    /// </summary>
    Task<Conversation?> FindParticipantsAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// What a send checks, in one read where the store can: the conversation with its participants (as
    /// <see cref="FindParticipantsAsync"/>), and the message already sent in it with
    /// <paramref name="clientMessageId"/>, if any.
    /// </summary>
    Task<(Conversation? Conversation, Message? Earlier)> FindForSendAsync(Guid conversationId, string? clientMessageId, CancellationToken cancellationToken);

    /// <summary>A user's conversations, most recent activity first.</summary>
    Task<(IReadOnlyList<Conversation> Items, long TotalCount)> ListConversationsAsync(Guid userId, int skip, int take, CancellationToken cancellationToken);

    Task<IReadOnlyList<Guid>> ConversationIdsOfAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the message to <paramref name="conversation"/> (as the caller read it: the relational
    /// store moves the conversation's last message on from the one it names, and reads it again if
    /// another send got there first). When a message with the same client message id is already in
    /// the conversation, returns that one instead (<c>Created</c> false) and stores nothing.
    /// </summary>
    Task<(Message Message, bool Created)> AppendMessageAsync(Conversation conversation, Message message, CancellationToken cancellationToken);

    Task<Message?> FindMessageAsync(Guid conversationId, Guid messageId, CancellationToken cancellationToken);

    Task<Message?> LatestMessageAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>Newest first, strictly older than <paramref name="beforeKey"/> when given.</summary>
    Task<IReadOnlyList<Message>> HistoryAsync(Guid conversationId, string? beforeKey, int take, CancellationToken cancellationToken);

    /// <summary>Oldest first, strictly newer than <paramref name="afterKey"/>, across the given conversations.</summary>
    Task<IReadOnlyList<Message>> MessagesAfterAsync(IReadOnlyCollection<Guid> conversationIds, string afterKey, int take, CancellationToken cancellationToken);

    /// <summary>Moves the user's read marker forward to <paramref name="message"/>; never backwards. True when it moved.</summary>
    Task<bool> MarkReadAsync(Guid conversationId, Guid userId, Message message, DateTimeOffset readAt, CancellationToken cancellationToken);

    /// <summary>Messages from others that the user has not read yet.</summary>
    Task<long> CountUnreadAsync(Guid conversationId, Guid userId, string? lastReadKey, CancellationToken cancellationToken);

    /// <summary>
    /// The same count for each of the user's <paramref name="conversations"/> (a page of their list),
    /// by conversation id; a conversation with nothing unread counts 0.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, long>> CountUnreadAsync(Guid userId, IReadOnlyCollection<Conversation> conversations, CancellationToken cancellationToken);

    /// <summary>
    /// Erases a deleted user from every conversation they took part in: their messages keep their
    /// place but their text becomes <see cref="Message.DeletedText"/>, and wherever the user was
    /// named (sender, participant, creator) <paramref name="anonymousId"/> stands instead. The other
    /// participants' messages stay. Idempotent. Returns how many messages were erased.
    /// </summary>
    Task<long> EraseUserAsync(Guid userId, Guid anonymousId, CancellationToken cancellationToken);
}
