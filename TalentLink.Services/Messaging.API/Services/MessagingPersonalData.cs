namespace TalentLink.Messaging.Services;

/// <summary>
/// A user's data in Messaging, through whichever <see cref="IMessageStore"/> is in use: every
/// conversation they take part in, with all its messages (theirs and the others'). Erasing replaces
/// their messages' text with a "deleted" marker and their id with an anonymous one; the other
/// participants keep their own messages.
/// </summary>
public sealed class MessagingPersonalData(IMessageStore store, ILogger<MessagingPersonalData> logger) : IPersonalDataStore
{
    private const int PageSize = 100;

    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var conversations = new List<ExportedConversation>();
        for (var skip = 0; ; skip += PageSize)
        {
            var (page, total) = await store.ListConversationsAsync(userId, skip, PageSize, cancellationToken);
            foreach (var conversation in page)
            {
                conversations.Add(new ExportedConversation(
                    conversation.Id,
                    conversation.CreatedAt,
                    conversation.Participants.Select(p => p.UserId).ToList(),
                    await AllMessagesAsync(conversation, cancellationToken)));
            }

            if (skip + PageSize >= total || page.Count == 0)
            {
                return new MessagingExport(conversations);
            }
        }
    }

    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var erased = await store.EraseUserAsync(userId, Guid.NewGuid(), cancellationToken);
        logger.LogInformation("Erased personal data: {Messages} messages replaced by the deleted marker", erased);
    }

    /// <summary>Oldest first.</summary>
    private async Task<IReadOnlyList<ExportedMessage>> AllMessagesAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var messages = new List<ExportedMessage>();
        string? before = null;
        while (true)
        {
            var page = await store.HistoryAsync(conversation.Id, before, PageSize, cancellationToken);
            messages.AddRange(page.Select(m => new ExportedMessage(m.Id, m.SenderId, m.Text, m.SentAt)));
            if (page.Count < PageSize)
            {
                messages.Reverse();
                return messages;
            }

            before = page[^1].SortKey;
        }
    }
}

public sealed record ExportedMessage(Guid Id, Guid SenderId, string Text, DateTimeOffset SentAt);

public sealed record ExportedConversation(Guid Id, DateTimeOffset CreatedAt, IReadOnlyList<Guid> ParticipantIds, IReadOnlyList<ExportedMessage> Messages);

public sealed record MessagingExport(IReadOnlyList<ExportedConversation> Conversations);
