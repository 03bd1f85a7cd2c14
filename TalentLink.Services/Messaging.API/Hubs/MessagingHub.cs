using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace TalentLink.Messaging.Hubs;

/// <summary>
/// Real-time messaging at <c>/hubs/messaging</c>, authenticated with the same access tokens as the
/// REST API (WebSockets pass it as <c>?access_token=</c>). Events are addressed to users, so a
/// connection receives only what concerns conversations its user takes part in. Every method
/// checks participation, like the REST endpoints; failures come back as a <see cref="HubException"/>.
/// </summary>
[Authorize]
public sealed class MessagingHub(ConversationService conversations) : Hub<IMessagingClient>
{
    public const string Path = "/hubs/messaging";

    public async Task<MessageResponse> SendMessage(Guid conversationId, string? text, string? clientMessageId) =>
        Unwrap(await conversations.SendAsync(conversationId, UserId, new SendMessageRequest(text, clientMessageId), Context.ConnectionAborted)).Message;

    public async Task<ConversationResponse> MarkRead(Guid conversationId, Guid? messageId) =>
        Unwrap(await conversations.MarkReadAsync(conversationId, UserId, messageId, Context.ConnectionAborted));

    public async Task Typing(Guid conversationId) =>
        Unwrap(await conversations.TypingAsync(conversationId, UserId, Context.ConnectionAborted));

    /// <summary>A reconnecting client passes the cursor of the last message it saw and gets what it missed.</summary>
    public async Task<CatchUpResponse> CatchUp(string? after, int? limit) =>
        Unwrap(await conversations.CatchUpAsync(UserId, after, limit, Context.ConnectionAborted));

    private Guid UserId => Context.User!.GetUserId();

    private static T Unwrap<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value! : throw new HubException($"{outcome.Title}: {outcome.Detail}");
}

/// <summary>SignalR addresses users by the token's <c>sub</c> claim (inbound claim mapping is off).</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) =>
        Guid.TryParse(connection.User.FindFirst(TalentLinkClaims.Subject)?.Value, out var id) ? id.ToString() : null;
}
