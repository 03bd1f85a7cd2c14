using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TalentLink.Auth.Model;
using TalentLink.Auth.Services;
using TalentLink.Messaging.Model;

namespace TalentLink.Tests.Messaging;

/// <summary>
/// Revocation reaches live hub connections and the other services: a suspended or deleted user's
/// open connection is closed within 2 s and sends nothing more; a connection closes when its token
/// expires; a password change or a sign-out everywhere stops old tokens in Messaging within 2 s.
/// </summary>
[Trait("Category", "integration")]
public sealed class HubRevocationTests(SqliteMessagingFactory factory) : IClassFixture<SqliteMessagingFactory>
{
    private const string Conversations = "/api/messaging/conversations";
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_suspended_users_open_connection_is_closed_within_two_seconds_and_cannot_send()
    {
        var (conversationId, admin, user) = await ConversationAsync();
        await using var hub = await HubClient.ConnectAsync(factory, user.AccessToken);
        var closed = Closed(hub);
        await hub.Connection.InvokeAsync<MessageResponse>("SendMessage", conversationId, "before", null);

        var suspend = await factory.AuthClient().WithToken(admin.AccessToken).PostAsync($"/api/auth/users/{user.User.Id}/suspend", null);
        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        var watch = Stopwatch.StartNew();

        await closed.WaitAsync(Promptly);
        await AssertCannotSendAsync(hub, conversationId, user, admin, watch);
    }

    [Fact]
    public async Task A_deleted_users_open_connection_is_closed_within_two_seconds_and_cannot_send()
    {
        var (conversationId, admin, user) = await ConversationAsync();
        await using var hub = await HubClient.ConnectAsync(factory, user.AccessToken);
        var closed = Closed(hub);

        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/auth/account") { Content = JsonContent.Create(new { password = AuthClient.Password }) };
        Assert.Equal(HttpStatusCode.Accepted, (await factory.AuthClient().WithToken(user.AccessToken).SendAsync(delete)).StatusCode);
        var watch = Stopwatch.StartNew();

        await closed.WaitAsync(Promptly);
        await AssertCannotSendAsync(hub, conversationId, user, admin, watch);
    }

    [Fact]
    public async Task A_connection_is_closed_when_its_token_expires()
    {
        var (conversationId, _, user) = await ConversationAsync();
        var expiresAt = DateTime.UtcNow.AddSeconds(4);
        await using var hub = await HubClient.ConnectAsync(factory, ShortLivedToken(user.User.Id, expiresAt));
        var closed = Closed(hub);
        await hub.Connection.InvokeAsync<MessageResponse>("SendMessage", conversationId, "while the token lasts", null);

        await closed.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(DateTime.UtcNow >= expiresAt.AddSeconds(-1), "The connection closed before its token expired.");
    }

    [Theory]
    [InlineData("change-password")]
    [InlineData("sign-out-everywhere")]
    public async Task Ending_every_session_stops_old_access_tokens_in_messaging_within_two_seconds(string how)
    {
        var user = await factory.AuthClient().NewUserAsync(Roles.Candidate);
        var old = factory.CreateClient().WithToken(user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync(Conversations)).StatusCode);

        var auth = factory.AuthClient().WithToken(user.AccessToken);
        var ended = how == "change-password"
            ? await auth.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = AuthClient.Password, newPassword = "Brand-New-Pass-9" })
            : await auth.PostAsJsonAsync("/api/auth/sign-out", new { });
        Assert.True(ended.IsSuccessStatusCode, $"{how} answered {(int)ended.StatusCode}");
        var watch = Stopwatch.StartNew();

        while ((await old.GetAsync(Conversations)).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(watch.Elapsed < Promptly, $"The old token still worked in Messaging {watch.Elapsed} after {how}.");
            await Task.Delay(50);
        }

        if (how == "change-password")
        {
            // The fresh pair it answered with works everywhere.
            var fresh = (await ended.Content.ReadFromJsonAsync<TokenResponse>())!;
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().WithToken(fresh.AccessToken).GetAsync(Conversations)).StatusCode);
        }
    }

    private async Task AssertCannotSendAsync(HubClient hub, Guid conversationId, TokenResponse user, TokenResponse admin, Stopwatch sinceRevocation)
    {
        Assert.True(sinceRevocation.Elapsed < Promptly, $"Closed after {sinceRevocation.Elapsed}.");
        Assert.Equal(HubConnectionState.Disconnected, hub.Connection.State);
        await Assert.ThrowsAnyAsync<Exception>(() => hub.Connection.InvokeAsync<MessageResponse>("SendMessage", conversationId, "after", null));

        // Reconnecting with the same token is refused, and nothing was stored after the revocation.
        var reconnect = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(factory, user.AccessToken));
        Assert.Contains("401", reconnect.Message);
        var history = await factory.CreateClient().WithToken(admin.AccessToken).GetFromJsonAsync<MessagePage>($"{Conversations}/{conversationId}/messages");
        Assert.DoesNotContain(history!.Items, m => m.Text == "after");
    }

    private static Task Closed(HubClient hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    /// <summary>A real token of the user (signed with Auth's current key) that expires at <paramref name="expires"/>.</summary>
    private string ShortLivedToken(Guid userId, DateTime expires)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "talentlink",
            Audience = "talentlink",
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(factory.Auth.Services.GetRequiredService<SigningKeyStore>().Current, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", Roles.Candidate)]),
        });
    }

    /// <summary>An admin and a new candidate in a conversation the admin opened.</summary>
    private async Task<(Guid ConversationId, TokenResponse Admin, TokenResponse User)> ConversationAsync()
    {
        var admin = await factory.AuthClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        var user = await factory.AuthClient().NewUserAsync(Roles.Candidate);
        var response = await factory.CreateClient().WithToken(admin.AccessToken).PostAsJsonAsync(Conversations, new { participantIds = new[] { user.User.Id } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<ConversationResponse>())!.Id, admin, user);
    }
}
