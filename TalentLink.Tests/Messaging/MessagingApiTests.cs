using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TalentLink.Auth.Model;
using TalentLink.Messaging.Model;

namespace TalentLink.Tests.Messaging;

/// <summary>
/// The Messaging service in process, over REST and the hub, with real tokens from Auth. Every test
/// runs on each store (see the subclasses at the end).
/// </summary>
public abstract class MessagingApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : MessagingFactory
{
    private const string Conversations = "/api/messaging/conversations";

    [Fact]
    public async Task A_recruiter_opens_a_conversation_with_an_applicant_and_they_exchange_messages()
    {
        var (recruiter, candidate) = (await UserAsync(Roles.Recruiter), await UserAsync(Roles.Candidate));
        factory.Offers.Apply(candidate.User.Id, toOfferOfRecruiterId: recruiter.User.Id);

        var opened = await Client(recruiter).PostAsJsonAsync(Conversations, new { participantIds = new[] { candidate.User.Id }, text = "Hello, are you free Tuesday?" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var conversation = (await opened.Content.ReadFromJsonAsync<ConversationResponse>())!;
        Assert.Equal(opened.Headers.Location?.OriginalString, $"{Conversations}/{conversation.Id}");

        var inbox = await Client(candidate).GetFromJsonAsync<PagedResult<ConversationResponse>>(Conversations);
        var entry = Assert.Single(inbox!.Items);
        Assert.Equal(1, entry.UnreadCount);
        Assert.Equal("Hello, are you free Tuesday?", entry.LastMessage?.Text);

        var reply = await Client(candidate).PostAsJsonAsync($"{Conversations}/{conversation.Id}/messages", new { text = "Yes, after 2pm." });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);

        var history = await Client(recruiter).GetFromJsonAsync<MessagePage>($"{Conversations}/{conversation.Id}/messages");
        Assert.Equal(["Yes, after 2pm.", "Hello, are you free Tuesday?"], history!.Items.Select(m => m.Text));
        Assert.Equal([candidate.User.Id, recruiter.User.Id], history.Items.Select(m => m.SenderId));
        Assert.Null(history.NextCursor);
    }

    [Fact]
    public async Task A_recruiter_cannot_message_someone_who_never_applied_to_their_offers()
    {
        var (recruiter, candidate, otherRecruiter) = (await UserAsync(Roles.Recruiter), await UserAsync(Roles.Candidate), await UserAsync(Roles.Recruiter));
        factory.Offers.Apply(candidate.User.Id, toOfferOfRecruiterId: otherRecruiter.User.Id);

        var response = await Client(recruiter).PostAsJsonAsync(Conversations, new { participantIds = new[] { candidate.User.Id }, text = "Hi" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("has not applied", problem.GetProperty("detail").GetString());
        Assert.Empty((await Client(candidate).GetFromJsonAsync<PagedResult<ConversationResponse>>(Conversations))!.Items);
    }

    [Fact]
    public async Task A_candidate_cannot_cold_message_a_recruiter()
    {
        var (candidate, recruiter) = (await UserAsync(Roles.Candidate), await UserAsync(Roles.Recruiter));
        var response = await Client(candidate).PostAsJsonAsync(Conversations, new { participantIds = new[] { recruiter.User.Id }, text = "Hire me" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty((await Client(recruiter).GetFromJsonAsync<PagedResult<ConversationResponse>>(Conversations))!.Items);
    }

    [Fact]
    public async Task An_admin_opens_a_conversation_with_any_user_and_opening_it_again_returns_the_same_one()
    {
        var (admin, recruiter) = (await AdminAsync(), await UserAsync(Roles.Recruiter));
        var callsBefore = factory.Offers.Calls;

        var first = await Client(admin).PostAsJsonAsync(Conversations, new { participantIds = new[] { recruiter.User.Id } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await Client(admin).PostAsJsonAsync(Conversations, new { participantIds = new[] { recruiter.User.Id } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        Assert.Equal((await first.Content.ReadFromJsonAsync<ConversationResponse>())!.Id, (await again.Content.ReadFromJsonAsync<ConversationResponse>())!.Id);
        Assert.Equal(callsBefore, factory.Offers.Calls);
    }

    [Fact]
    public async Task When_offers_is_down_a_recruiter_is_told_to_retry_later_and_nothing_is_created()
    {
        var (recruiter, candidate) = (await UserAsync(Roles.Recruiter), await UserAsync(Roles.Candidate));
        factory.Offers.Apply(candidate.User.Id, toOfferOfRecruiterId: recruiter.User.Id);
        factory.Offers.Down = true;
        try
        {
            var response = await Client(recruiter).PostAsJsonAsync(Conversations, new { participantIds = new[] { candidate.User.Id }, text = "Hi" });
            var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("Offers service is unavailable", problem.GetProperty("detail").GetString());
        }
        finally
        {
            factory.Offers.Down = false;
        }

        Assert.Empty((await Client(candidate).GetFromJsonAsync<PagedResult<ConversationResponse>>(Conversations))!.Items);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_message_without_text_is_rejected(string? text)
    {
        var (conversationId, admin, _) = await ConversationAsync();
        var response = await Client(admin).PostAsJsonAsync($"{Conversations}/{conversationId}/messages", new { text });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task A_message_over_the_length_limit_is_rejected_and_not_stored()
    {
        var (conversationId, admin, _) = await ConversationAsync();
        var response = await Client(admin).PostAsJsonAsync($"{Conversations}/{conversationId}/messages", new { text = new string('a', 4001) });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at most 4000 characters", problem.GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Empty((await Client(admin).GetFromJsonAsync<MessagePage>($"{Conversations}/{conversationId}/messages"))!.Items);
    }

    [Fact]
    public async Task Resending_with_the_same_client_message_id_returns_the_first_message()
    {
        var (conversationId, admin, user) = await ConversationAsync();
        var uri = $"{Conversations}/{conversationId}/messages";

        var first = await Client(admin).PostAsJsonAsync(uri, new { text = "Your report was reviewed.", clientMessageId = "7f3e-1" });
        var resend = await Client(admin).PostAsJsonAsync(uri, new { text = "Your report was reviewed.", clientMessageId = "7f3e-1" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<MessageResponse>())!.Id, (await resend.Content.ReadFromJsonAsync<MessageResponse>())!.Id);
        Assert.Single((await Client(user).GetFromJsonAsync<MessagePage>(uri))!.Items);
    }

    [Fact]
    public async Task History_is_newest_first_and_pages_with_a_cursor()
    {
        var (conversationId, admin, user) = await ConversationAsync();
        var uri = $"{Conversations}/{conversationId}/messages";
        for (var i = 1; i <= 5; i++)
        {
            (await Client(i % 2 == 0 ? user : admin).PostAsJsonAsync(uri, new { text = $"m{i}" })).EnsureSuccessStatusCode();
        }

        var texts = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await Client(user).GetFromJsonAsync<MessagePage>(cursor is null ? $"{uri}?limit=2" : $"{uri}?limit=2&before={cursor}");
            texts.AddRange(page!.Items.Select(m => m.Text));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(["m5", "m4", "m3", "m2", "m1"], texts);
        Assert.Equal(3, pages);

        var bad = await Client(user).GetAsync($"{uri}?before=not-a-cursor");
        Assert.True((await bad.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("before", out _));
    }

    [Fact]
    public async Task Unread_counts_and_read_receipts_follow_what_each_participant_read()
    {
        var (conversationId, admin, user) = await ConversationAsync();
        var uri = $"{Conversations}/{conversationId}";
        var sent = new List<MessageResponse>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            sent.Add((await (await Client(admin).PostAsJsonAsync($"{uri}/messages", new { text })).Content.ReadFromJsonAsync<MessageResponse>())!);
        }

        Assert.Equal(3, (await Client(user).GetFromJsonAsync<ConversationResponse>(uri))!.UnreadCount);
        Assert.Equal(0, (await Client(admin).GetFromJsonAsync<ConversationResponse>(uri))!.UnreadCount);

        var read = await Client(user).PostAsJsonAsync($"{uri}/read", new { messageId = sent[1].Id });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(1, (await read.Content.ReadFromJsonAsync<ConversationResponse>())!.UnreadCount);

        var seenByAdmin = (await Client(admin).GetFromJsonAsync<MessagePage>($"{uri}/messages"))!.Items;
        Assert.Equal([false, true, true], seenByAdmin.Select(m => m.ReadBy.Contains(user.User.Id)));
        var participant = (await Client(admin).GetFromJsonAsync<ConversationResponse>(uri))!.Participants.Single(p => p.UserId == user.User.Id);
        Assert.Equal(sent[1].Id, participant.LastReadMessageId);

        // No message named: everything is read.
        var all = await Client(user).PostAsync($"{uri}/read", null);
        Assert.Equal(0, (await all.Content.ReadFromJsonAsync<ConversationResponse>())!.UnreadCount);

        var unknown = await Client(user).PostAsJsonAsync($"{uri}/read", new { messageId = Guid.NewGuid() });
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_outsider_can_neither_read_nor_write_a_conversation_over_rest()
    {
        var (conversationId, _, _) = await ConversationAsync(withMessage: "private");
        var outsider = Client(await UserAsync(Roles.Recruiter));
        var uri = $"{Conversations}/{conversationId}";

        await (await outsider.GetAsync(uri)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.GetAsync($"{uri}/messages")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.PostAsJsonAsync($"{uri}/messages", new { text = "let me in" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.PostAsync($"{uri}/read", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.GetAsync($"{Conversations}/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await outsider.GetFromJsonAsync<PagedResult<ConversationResponse>>(Conversations))!.Items);
        Assert.Empty((await outsider.GetFromJsonAsync<CatchUpResponse>($"/api/messaging/messages?after={new string('0', 50)}"))!.Items);
    }

    [Fact]
    public async Task Every_endpoint_needs_a_signed_in_user()
    {
        var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync(Conversations)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync(Conversations, new { participantIds = new[] { Guid.NewGuid() } })).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // The hub's query-string token is not accepted by the REST API.
        var token = (await UserAsync(Roles.Candidate)).AccessToken;
        await (await anonymous.GetAsync($"{Conversations}?access_token={token}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Messages_reach_the_participants_live_and_no_one_else()
    {
        var (recruiter, candidate, outsider) = (await UserAsync(Roles.Recruiter), await UserAsync(Roles.Candidate), await UserAsync(Roles.Candidate));
        factory.Offers.Apply(candidate.User.Id, toOfferOfRecruiterId: recruiter.User.Id);
        await using var recruiterHub = await HubClient.ConnectAsync(factory, recruiter.AccessToken);
        await using var candidateHub = await HubClient.ConnectAsync(factory, candidate.AccessToken);
        await using var outsiderHub = await HubClient.ConnectAsync(factory, outsider.AccessToken);

        var opened = await Client(recruiter).PostAsJsonAsync(Conversations, new { participantIds = new[] { candidate.User.Id } });
        var conversationId = (await opened.Content.ReadFromJsonAsync<ConversationResponse>())!.Id;
        await candidateHub.Conversations.WaitForAsync(c => c.Id == conversationId);

        var sent = await recruiterHub.Connection.InvokeAsync<MessageResponse>("SendMessage", conversationId, "Live hello", "live-1");
        var received = await candidateHub.Messages.WaitForAsync(m => m.Id == sent.Id);
        Assert.Equal("Live hello", received.Text);
        Assert.Equal(recruiter.User.Id, received.SenderId);

        await candidateHub.Connection.InvokeAsync("Typing", conversationId);
        Assert.Equal(candidate.User.Id, (await recruiterHub.Typing.WaitForAsync(t => t.ConversationId == conversationId)).UserId);

        var state = await candidateHub.Connection.InvokeAsync<ConversationResponse>("MarkRead", conversationId, sent.Id);
        Assert.Equal(0, state.UnreadCount);
        var receipt = await recruiterHub.Receipts.WaitForAsync(r => r.ConversationId == conversationId);
        Assert.Equal((candidate.User.Id, sent.Id), (receipt.UserId, receipt.MessageId));

        // Whatever reached the participants never reached the outsider.
        await Task.Delay(300);
        Assert.Empty(outsiderHub.Messages.Items);
        Assert.Empty(outsiderHub.Receipts.Items);
        Assert.Empty(outsiderHub.Typing.Items);
        Assert.Empty(outsiderHub.Conversations.Items);
    }

    [Fact]
    public async Task An_outsider_cannot_send_read_type_or_catch_up_in_a_conversation_over_the_hub()
    {
        var (conversationId, _, user) = await ConversationAsync(withMessage: "private");
        var outsider = await UserAsync(Roles.Recruiter);
        await using var hub = await HubClient.ConnectAsync(factory, outsider.AccessToken);

        var send = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<MessageResponse>("SendMessage", conversationId, "let me in", null));
        Assert.Contains("Not a participant", send.Message);
        await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<ConversationResponse>("MarkRead", conversationId, null));
        await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync("Typing", conversationId));
        Assert.Empty((await hub.Connection.InvokeAsync<CatchUpResponse>("CatchUp", new string('0', 50), null)).Items);

        var history = await Client(user).GetFromJsonAsync<MessagePage>($"{Conversations}/{conversationId}/messages");
        Assert.Equal(["private"], history!.Items.Select(m => m.Text));
    }

    [Fact]
    public async Task A_client_that_reconnects_catches_up_from_its_last_seen_message()
    {
        var (conversationId, admin, user) = await ConversationAsync();
        var lastSeen = default(MessageResponse);
        await using (var hub = await HubClient.ConnectAsync(factory, user.AccessToken))
        {
            var sent = await Client(admin).PostAsJsonAsync($"{Conversations}/{conversationId}/messages", new { text = "before the tunnel" });
            var id = (await sent.Content.ReadFromJsonAsync<MessageResponse>())!.Id;
            lastSeen = await hub.Messages.WaitForAsync(m => m.Id == id);
        }

        foreach (var text in new[] { "while away 1", "while away 2" })
        {
            (await Client(admin).PostAsJsonAsync($"{Conversations}/{conversationId}/messages", new { text })).EnsureSuccessStatusCode();
        }

        await using var back = await HubClient.ConnectAsync(factory, user.AccessToken);
        var missed = await back.Connection.InvokeAsync<CatchUpResponse>("CatchUp", lastSeen.Cursor, null);
        Assert.Equal(["while away 1", "while away 2"], missed.Items.Select(m => m.Text));
        Assert.False(missed.HasMore);
        Assert.Empty((await back.Connection.InvokeAsync<CatchUpResponse>("CatchUp", missed.NextCursor, null)).Items);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_without_a_valid_token()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(factory, "not-a-token"));
        Assert.Contains("401", error.Message);
    }

    private async Task<TokenResponse> UserAsync(string role) => await factory.AuthClient().NewUserAsync(role);

    private async Task<TokenResponse> AdminAsync() => await factory.AuthClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);

    private HttpClient Client(TokenResponse user) => factory.CreateClient().WithToken(user.AccessToken);

    /// <summary>An admin and a new candidate in a conversation the admin opened (no Offers check involved).</summary>
    private async Task<(Guid ConversationId, TokenResponse Admin, TokenResponse User)> ConversationAsync(string? withMessage = null)
    {
        var (admin, user) = (await AdminAsync(), await UserAsync(Roles.Candidate));
        var response = await Client(admin).PostAsJsonAsync(Conversations, new { participantIds = new[] { user.User.Id }, text = withMessage });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<ConversationResponse>())!.Id, admin, user);
    }
}

[Trait("Category", "integration")]
public sealed class SqliteMessagingApiTests(SqliteMessagingFactory factory) : MessagingApiTests<SqliteMessagingFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresMessagingApiTests(PostgresMessagingFactory factory) : MessagingApiTests<PostgresMessagingFactory>(factory);

[Trait("Category", "integration")]
public sealed class MongoMessagingApiTests(MongoMessagingFactory factory) : MessagingApiTests<MongoMessagingFactory>(factory);
