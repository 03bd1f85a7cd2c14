using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace TalentLink.Messaging.Apis;

/// <summary>Conversations and messages over REST; every endpoint is for signed-in participants only.</summary>
public static class MessagingApi
{
    public static RouteGroupBuilder MapMessagingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/messaging").WithTags("Messaging").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem();

        api.MapPost("/conversations", StartConversation)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status503ServiceUnavailable).WithName("StartConversation")
            .WithSummary("Open a conversation (recruiter with an applicant, admin with anyone), optionally with a first message");
        api.MapGet("/conversations", ListConversations).WithName("ListConversations")
            .WithSummary("My conversations, most recent first, with the last message and my unread count");
        api.MapGet("/conversations/{id:guid}", GetConversation).ProducesConversationProblems().WithName("GetConversation").WithSummary("One of my conversations");
        api.MapGet("/conversations/{id:guid}/messages", GetHistory).ProducesConversationProblems().WithName("GetMessages")
            .WithSummary("History, newest first; pass nextCursor as 'before' for older messages");
        api.MapPost("/conversations/{id:guid}/messages", SendMessage).ProducesConversationProblems().WithName("SendMessage")
            .WithSummary("Send a text message; resending with the same clientMessageId returns the first one");
        api.MapPost("/conversations/{id:guid}/read", MarkRead).ProducesConversationProblems().WithName("MarkRead")
            .WithSummary("Mark the conversation read up to a message (default: the newest)");
        api.MapGet("/messages", CatchUp).WithName("CatchUp")
            .WithSummary("Messages in all my conversations after a cursor, oldest first (for a reconnecting client)");

        return api;
    }

    public static async Task<Results<Created<ConversationResponse>, Ok<ConversationResponse>, ProblemHttpResult>> StartConversation(
        StartConversationRequest request, ClaimsPrincipal user, HttpContext http, [AsParameters] MessagingServices services, CancellationToken cancellationToken)
    {
        var accessToken = await http.GetTokenAsync("access_token") ?? "";
        var outcome = await services.Conversations.StartAsync(user.GetUserId(), user.GetRole(), accessToken, request, cancellationToken);
        if (!outcome.Succeeded)
        {
            return MessagingProblems.From(outcome);
        }

        var (conversation, created) = outcome.Value;
        return created
            ? TypedResults.Created($"/api/messaging/conversations/{conversation.Id}", conversation)
            : TypedResults.Ok(conversation);
    }

    public static async Task<Results<Ok<PagedResult<ConversationResponse>>, ValidationProblem>> ListConversations(
        [AsParameters] PageRequest page, ClaimsPrincipal user, [AsParameters] MessagingServices services, CancellationToken cancellationToken)
    {
        if (page.Validate() is { } errors)
        {
            return MessagingProblems.Invalid(errors);
        }

        var outcome = await services.Conversations.ListAsync(user.GetUserId(), page, cancellationToken);
        return TypedResults.Ok(outcome.Value!);
    }

    public static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> GetConversation(
        Guid id, ClaimsPrincipal user, [AsParameters] MessagingServices services, CancellationToken cancellationToken) =>
        OkOrProblem(await services.Conversations.GetAsync(id, user.GetUserId(), cancellationToken));

    public static async Task<Results<Ok<MessagePage>, ProblemHttpResult>> GetHistory(
        Guid id, string? before, int? limit, ClaimsPrincipal user, [AsParameters] MessagingServices services, CancellationToken cancellationToken) =>
        OkOrProblem(await services.Conversations.HistoryAsync(id, user.GetUserId(), before, limit, cancellationToken));

    public static async Task<Results<Created<MessageResponse>, Ok<MessageResponse>, ProblemHttpResult>> SendMessage(
        Guid id, SendMessageRequest request, ClaimsPrincipal user, [AsParameters] MessagingServices services, CancellationToken cancellationToken)
    {
        var outcome = await services.Conversations.SendAsync(id, user.GetUserId(), request, cancellationToken);
        if (!outcome.Succeeded)
        {
            return MessagingProblems.From(outcome);
        }

        var (message, created) = outcome.Value;
        return created
            ? TypedResults.Created($"/api/messaging/conversations/{id}/messages/{message.Id}", message)
            : TypedResults.Ok(message);
    }

    public static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> MarkRead(
        Guid id, [FromBody] MarkReadRequest? request, ClaimsPrincipal user, [AsParameters] MessagingServices services, CancellationToken cancellationToken) =>
        OkOrProblem(await services.Conversations.MarkReadAsync(id, user.GetUserId(), request?.MessageId, cancellationToken));

    public static async Task<Results<Ok<CatchUpResponse>, ProblemHttpResult>> CatchUp(
        string? after, int? limit, ClaimsPrincipal user, [AsParameters] MessagingServices services, CancellationToken cancellationToken) =>
        OkOrProblem(await services.Conversations.CatchUpAsync(user.GetUserId(), after, limit, cancellationToken));

    private static Results<Ok<T>, ProblemHttpResult> OkOrProblem<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : MessagingProblems.From(outcome);

    /// <summary>A conversation that does not exist (404) or is not the caller's (403).</summary>
    private static RouteHandlerBuilder ProducesConversationProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
