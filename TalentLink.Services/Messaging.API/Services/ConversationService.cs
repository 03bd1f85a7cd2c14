using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using TalentLink.Messaging.Hubs;

namespace TalentLink.Messaging.Services;

/// <summary>
/// What users can do with conversations, shared by the REST API and the hub: every operation checks
/// that the caller takes part, stores through <see cref="IMessageStore"/>, and pushes the change to
/// the participants' hub connections.
/// </summary>
public sealed class ConversationService(
    IMessageStore store,
    ConversationStartPolicy startPolicy,
    IHubContext<MessagingHub, IMessagingClient> hub,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<ConversationService> logger)
{
    public const string ActivitySourceName = "TalentLink.Messaging";
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    private static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    public async Task<Outcome<(ConversationResponse Conversation, bool Created)>> StartAsync(
        Guid callerId, string? callerRole, string accessToken, StartConversationRequest request, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("messaging start-conversation");
        var settings = options.Value;
        var others = (request.ParticipantIds ?? []).Where(id => id != callerId).Distinct().ToList();
        if (others.Count == 0 || others.Contains(Guid.Empty))
        {
            return Invalid<(ConversationResponse, bool)>("participantIds", "Name at least one other user (by id) to talk to.");
        }

        if (others.Count + 1 > settings.MaxParticipants)
        {
            return Invalid<(ConversationResponse, bool)>("participantIds", $"A conversation has at most {settings.MaxParticipants} participants.");
        }

        if (request.Text is not null && MessageValidation.Check(request.Text, request.ClientMessageId, settings.MaxMessageLength) is { } invalid)
        {
            return invalid.As<(ConversationResponse, bool)>();
        }

        if (await startPolicy.CheckAsync(callerRole, others, accessToken, cancellationToken) is { } refused)
        {
            return refused.As<(ConversationResponse, bool)>();
        }

        var now = Message.TruncateToMilliseconds(time.GetUtcNow());
        var id = Guid.CreateVersion7(now);
        var conversation = new Conversation
        {
            Id = id,
            ParticipantKey = Conversation.KeyFor([callerId, .. others]),
            CreatedBy = callerId,
            CreatedAt = now,
            LastActivityAt = now,
            Participants = [.. new[] { callerId }.Concat(others).Select(userId => new Participant { ConversationId = id, UserId = userId })],
        };

        var (stored, created) = await store.CreateConversationAsync(conversation, cancellationToken);
        if (created)
        {
            logger.LogInformation("User {UserId} ({Role}) opened conversation {ConversationId} with {Count} others", callerId, callerRole, stored.Id, others.Count);

            // Announced before its first message, so clients know the conversation when the message arrives.
            await hub.Clients.Users(UserIds(stored, except: callerId)).ConversationStarted(ConversationResponse.From(stored, unreadCount: 0));
        }

        if (request.Text is not null)
        {
            // A resend of the same opening (the same client message id) stores its message once.
            var earlier = created ? null : (await store.FindForSendAsync(stored.Id, request.ClientMessageId, cancellationToken)).Earlier;
            if (earlier is null)
            {
                await AppendAsync(stored, callerId, request.Text, request.ClientMessageId, cancellationToken);
            }

            stored = await store.FindConversationAsync(stored.Id, cancellationToken) ?? stored;
        }

        var response = ConversationResponse.From(stored, await UnreadAsync(stored, callerId, cancellationToken));
        return Outcome<(ConversationResponse, bool)>.Ok((response, created));
    }

    public async Task<Outcome<PagedResult<ConversationResponse>>> ListAsync(Guid userId, PageRequest page, CancellationToken cancellationToken)
    {
        var (items, total) = await store.ListConversationsAsync(userId, page.Skip, page.Size, cancellationToken);
        var unread = await store.CountUnreadAsync(userId, items.Where(c => c.LastMessageId is not null).ToList(), cancellationToken);
        var responses = items.Select(c => ConversationResponse.From(c, unread.GetValueOrDefault(c.Id))).ToList();

        return Outcome<PagedResult<ConversationResponse>>.Ok(new PagedResult<ConversationResponse>(responses, page.Number, page.Size, total));
    }

    public async Task<Outcome<ConversationResponse>> GetAsync(Guid conversationId, Guid userId, CancellationToken cancellationToken)
    {
        var access = await ForParticipantAsync(conversationId, userId, withLastMessage: true, cancellationToken);
        return access.Succeeded
            ? Outcome<ConversationResponse>.Ok(ConversationResponse.From(access.Value!, await UnreadAsync(access.Value!, userId, cancellationToken)))
            : access.As<ConversationResponse>();
    }

    public async Task<Outcome<(MessageResponse Message, bool Created)>> SendAsync(
        Guid conversationId, Guid senderId, SendMessageRequest request, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("messaging send");
        activity?.SetTag("messaging.conversation.id", conversationId);
        if (MessageValidation.Check(request.Text, request.ClientMessageId, options.Value.MaxMessageLength) is { } invalid)
        {
            return invalid.As<(MessageResponse, bool)>();
        }

        var (conversation, earlier) = await store.FindForSendAsync(conversationId, request.ClientMessageId, cancellationToken);
        var access = ForParticipant(conversation, conversationId, senderId);
        if (!access.Succeeded)
        {
            return access.As<(MessageResponse, bool)>();
        }

        // A resend (the same client message id) answers with the first message and stores nothing.
        var (message, created) = earlier is not null
            ? (earlier, false)
            : await AppendAsync(conversation!, senderId, request.Text!, request.ClientMessageId, cancellationToken);
        return Outcome<(MessageResponse, bool)>.Ok((MessageResponse.From(message, conversation!), created));
    }

    public async Task<Outcome<MessagePage>> HistoryAsync(Guid conversationId, Guid userId, string? before, int? limit, CancellationToken cancellationToken)
    {
        if (before is not null && !Message.IsSortKey(before))
        {
            return Invalid<MessagePage>("before", "before must be a cursor returned by this API (a message's cursor or a page's nextCursor).");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return Invalid<MessagePage>("limit", $"limit must be between 1 and {MaxPageSize}.");
        }

        var access = await ForParticipantAsync(conversationId, userId, withLastMessage: false, cancellationToken);
        if (!access.Succeeded)
        {
            return access.As<MessagePage>();
        }

        var take = limit ?? DefaultPageSize;
        var messages = await store.HistoryAsync(conversationId, before, take + 1, cancellationToken);
        var page = messages.Take(take).Select(m => MessageResponse.From(m, access.Value!)).ToList();
        return Outcome<MessagePage>.Ok(new MessagePage(page, messages.Count > take ? page[^1].Cursor : null));
    }

    /// <summary>Everything sent to the user's conversations after <paramref name="after"/> (a message cursor), oldest first.</summary>
    public async Task<Outcome<CatchUpResponse>> CatchUpAsync(Guid userId, string? after, int? limit, CancellationToken cancellationToken)
    {
        if (!Message.IsSortKey(after))
        {
            return Invalid<CatchUpResponse>("after", "after must be the cursor of the last message the client has seen.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return Invalid<CatchUpResponse>("limit", $"limit must be between 1 and {MaxPageSize}.");
        }

        var take = limit ?? MaxPageSize;
        var conversationIds = await store.ConversationIdsOfAsync(userId, cancellationToken);
        var messages = conversationIds.Count == 0 ? [] : await store.MessagesAfterAsync(conversationIds, after!, take + 1, cancellationToken);
        var conversations = new Dictionary<Guid, Conversation>();
        var items = new List<MessageResponse>();
        foreach (var message in messages.Take(take))
        {
            if (!conversations.TryGetValue(message.ConversationId, out var conversation))
            {
                conversation = await store.FindConversationAsync(message.ConversationId, cancellationToken);
                conversations[message.ConversationId] = conversation!;
            }

            items.Add(MessageResponse.From(message, conversation!));
        }

        return Outcome<CatchUpResponse>.Ok(new CatchUpResponse(items, items.Count > 0 ? items[^1].Cursor : after, messages.Count > take));
    }

    /// <summary>Marks the conversation read up to a message (the newest when none is named) and tells the participants.</summary>
    public async Task<Outcome<ConversationResponse>> MarkReadAsync(Guid conversationId, Guid userId, Guid? messageId, CancellationToken cancellationToken)
    {
        var access = await ForParticipantAsync(conversationId, userId, withLastMessage: false, cancellationToken);
        if (!access.Succeeded)
        {
            return access.As<ConversationResponse>();
        }

        var message = messageId is { } id
            ? await store.FindMessageAsync(conversationId, id, cancellationToken)
            : await store.LatestMessageAsync(conversationId, cancellationToken);
        if (message is null)
        {
            return messageId is null
                ? Outcome<ConversationResponse>.Ok(ConversationResponse.From(access.Value!, 0))
                : Outcome<ConversationResponse>.Fail(Failure.NotFound, "Message not found", $"Conversation {conversationId} has no message {messageId}.", "messageId");
        }

        var readAt = time.GetUtcNow();
        if (await store.MarkReadAsync(conversationId, userId, message, readAt, cancellationToken))
        {
            var receipt = new ReadReceipt(conversationId, userId, message.Id, message.SortKey, readAt);
            await hub.Clients.Users(UserIds(access.Value!)).MessagesRead(receipt);
        }

        return await GetAsync(conversationId, userId, cancellationToken);
    }

    public async Task<Outcome<bool>> TypingAsync(Guid conversationId, Guid userId, CancellationToken cancellationToken)
    {
        var access = await ForParticipantAsync(conversationId, userId, withLastMessage: false, cancellationToken);
        if (!access.Succeeded)
        {
            return access.As<bool>();
        }

        await hub.Clients.Users(UserIds(access.Value!, except: userId)).UserTyping(new TypingNotice(conversationId, userId));
        return Outcome<bool>.Ok(true);
    }

    private async Task<(Message Message, bool Created)> AppendAsync(
        Conversation conversation, Guid senderId, string text, string? clientMessageId, CancellationToken cancellationToken)
    {
        var message = Message.Create(conversation.Id, senderId, text, clientMessageId, time.GetUtcNow());
        var (stored, created) = await store.AppendMessageAsync(conversation, message, cancellationToken);
        if (created)
        {
            // Everyone's connections, the sender's other devices included.
            await hub.Clients.Users(UserIds(conversation)).MessageReceived(MessageResponse.From(stored, conversation));
        }

        return (stored, created);
    }

    /// <summary>
    /// The conversation if <paramref name="userId"/> takes part in it; with its last message only when
    /// the caller answers with the conversation itself.
    /// </summary>
    private async Task<Outcome<Conversation>> ForParticipantAsync(Guid conversationId, Guid userId, bool withLastMessage, CancellationToken cancellationToken) =>
        ForParticipant(withLastMessage
            ? await store.FindConversationAsync(conversationId, cancellationToken)
            : await store.FindParticipantsAsync(conversationId, cancellationToken), conversationId, userId);

    private static Outcome<Conversation> ForParticipant(Conversation? conversation, Guid conversationId, Guid userId)
    {
        if (conversation is null)
        {
            return Outcome<Conversation>.Fail(Failure.NotFound, "Conversation not found", $"No conversation has id {conversationId}.");
        }

        return conversation.HasParticipant(userId)
            ? Outcome<Conversation>.Ok(conversation)
            : Outcome<Conversation>.Fail(Failure.Forbidden, "Not a participant", $"Only the participants of conversation {conversationId} can read or write it.");
    }

    private async Task<long> UnreadAsync(Conversation conversation, Guid userId, CancellationToken cancellationToken)
    {
        var participant = conversation.Participants.First(p => p.UserId == userId);
        return conversation.LastMessageId is null
            ? 0
            : await store.CountUnreadAsync(conversation.Id, userId, participant.LastReadKey, cancellationToken);
    }

    private static List<string> UserIds(Conversation conversation, Guid? except = null) =>
        conversation.Participants.Where(p => p.UserId != except).Select(p => p.UserId.ToString()).ToList();

    private static Outcome<T> Invalid<T>(string field, string detail) => Outcome<T>.Invalid(field, detail);
}
