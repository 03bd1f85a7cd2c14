using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TalentLink.Messaging.Hubs;
using TalentLink.Messaging.Model;
using TalentLink.Tests.Messaging;
using static TalentLink.Tests.Security.HostileInput;

namespace TalentLink.Tests.Security;

/// <summary>
/// The messaging hub under hostile callers: negotiating or connecting without a token or with a bad
/// one is a 401 problem; hub methods aimed at someone else's conversation, or fed hostile values, come
/// back as a precise hub error (never the "unexpected error" of a server failure) and store nothing.
/// </summary>
public abstract class MessagingHubHostileInputTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : MessagingFactory
{
    private const string Negotiate = $"{MessagingHub.Path}/negotiate?negotiateVersion=1";

    [Fact]
    public async Task Negotiating_without_a_token_or_with_a_forged_expired_or_unsigned_one_is_an_unauthorized_problem()
    {
        var (service, user) = await ServiceAndUserAsync();

        await AssertRefusedAsync(await service.Anonymous().PostAsync(Negotiate, null), "negotiate without a token");
        foreach (var (name, token) in BadTokens.For(service, user))
        {
            var inHeader = new HttpRequestMessage(HttpMethod.Post, Negotiate);
            inHeader.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var byHeader = await service.Anonymous().SendAsync(inHeader);
            Assert.True(byHeader.StatusCode == HttpStatusCode.Unauthorized, $"negotiate with a {name} token in the header: {(int)byHeader.StatusCode}");
            await AssertRefusedAsync(byHeader, $"negotiate with a {name} token in the header");

            // Browsers pass the token in the query string on the WebSocket request.
            var byQuery = await service.Anonymous().PostAsync($"{Negotiate}&access_token={Uri.EscapeDataString(token)}", null);
            Assert.True(byQuery.StatusCode == HttpStatusCode.Unauthorized, $"negotiate with a {name} token in the query: {(int)byQuery.StatusCode}");
            await AssertRefusedAsync(byQuery, $"negotiate with a {name} token in the query");
        }
    }

    [Fact]
    public async Task Connecting_with_a_forged_expired_or_unsigned_token_is_refused()
    {
        var (service, user) = await ServiceAndUserAsync();

        foreach (var (name, token) in BadTokens.For(service, user))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(factory, token));
            Assert.True(error.Message.Contains("401", StringComparison.Ordinal), $"connect with a {name} token: {error.Message}");
        }
    }

    [Fact]
    public async Task Hub_methods_on_another_users_conversation_are_refused_with_a_hub_error_and_store_nothing()
    {
        var (service, _) = await ServiceAndUserAsync();
        var conversationId = await PrivateConversationAsync();
        var outsider = await service.SignInAsync(Roles.Candidate);
        await using var hub = await HubClient.ConnectAsync(factory, outsider.AccessToken);
        var before = await service.CountRowsAsync();

        foreach (var target in new[] { conversationId, Guid.Empty, Guid.NewGuid() })
        {
            foreach (var (name, text) in HostileStrings.Prepend(("plain text", "let me in")))
            {
                await AssertHubErrorAsync(() => hub.Connection.InvokeAsync<MessageResponse>(nameof(MessagingHub.SendMessage), target, text, text), $"SendMessage to {target} with {name}");
            }

            await AssertHubErrorAsync(() => hub.Connection.InvokeAsync<ConversationResponse>(nameof(MessagingHub.MarkRead), target, Guid.NewGuid()), $"MarkRead of {target}");
            await AssertHubErrorAsync(() => hub.Connection.InvokeAsync(nameof(MessagingHub.Typing), target), $"Typing in {target}");
        }

        Assert.Equal(before, await service.CountRowsAsync());
        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
    }

    [Fact]
    public async Task Catching_up_with_a_hostile_cursor_or_limit_is_a_hub_error_or_nothing_never_a_failure()
    {
        var (service, _) = await ServiceAndUserAsync();
        await PrivateConversationAsync();
        var outsider = await service.SignInAsync(Roles.Candidate);
        await using var hub = await HubClient.ConnectAsync(factory, outsider.AccessToken);

        foreach (var (name, cursor) in HostileStrings.Concat(HostileUrlValues))
        {
            foreach (var limit in new int?[] { null, -1, 0, int.MaxValue })
            {
                try
                {
                    var page = await hub.Connection.InvokeAsync<CatchUpResponse>(nameof(MessagingHub.CatchUp), cursor, limit);
                    Assert.True(page.Items.Count == 0, $"CatchUp with {name} and limit {limit} showed someone else's messages");
                }
                catch (HubException error)
                {
                    AssertPreciseHubError(error, $"CatchUp with {name} and limit {limit}");
                }
            }
        }

        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
    }

    private async Task<(ServiceUnderTest Service, SignedInUser User)> ServiceAndUserAsync()
    {
        var service = new ServiceUnderTest("messaging", factory.Services, factory.CreateClient, factory.Auth);
        return (service, await service.SignInAsync(Roles.Candidate));
    }

    /// <summary>A conversation between the admin and a new candidate, with one message in it.</summary>
    private async Task<Guid> PrivateConversationAsync()
    {
        var admin = await factory.AuthClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        var candidate = await factory.AuthClient().NewUserAsync(Roles.Candidate);
        var response = await factory.CreateClient().WithToken(admin.AccessToken)
            .PostAsJsonAsync("/api/messaging/conversations", new { participantIds = new[] { candidate.User.Id }, text = "private" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConversationResponse>())!.Id;
    }

    private static async Task AssertHubErrorAsync(Func<Task> invoke, string what)
    {
        var error = await Assert.ThrowsAsync<HubException>(invoke);
        AssertPreciseHubError(error, what);
    }

    /// <summary>
    /// A refusal the hub chose to send: SignalR passes a <see cref="HubException"/>'s message on after its
    /// generic "An unexpected error occurred invoking ..." prefix, and any other exception as that prefix alone.
    /// </summary>
    private static void AssertPreciseHubError(HubException error, string what)
    {
        Assert.True(error.Message.Contains($"{nameof(HubException)}: ", StringComparison.Ordinal), $"{what}: the server failed: {error.Message}");
        Assert.False(error.Message.Contains("   at ", StringComparison.Ordinal), $"{what}: a stack trace reached the client: {error.Message}");
    }
}

[Trait("Category", "integration")]
public sealed class SqliteMessagingHubHostileInputTests(SqliteMessagingFactory factory) : MessagingHubHostileInputTests<SqliteMessagingFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresMessagingHubHostileInputTests(PostgresMessagingFactory factory) : MessagingHubHostileInputTests<PostgresMessagingFactory>(factory);
