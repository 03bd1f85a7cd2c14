using Microsoft.AspNetCore.SignalR.Client;
using TalentLink.AppHost;
using TalentLink.Messaging.Model;
using TalentLink.Tests.Messaging;
using Xunit.Abstractions;

namespace TalentLink.Tests.AppHost;

/// <summary>Messaging through the whole AppHost, once per store (see the subclasses at the end).</summary>
public abstract class MessagingEndToEndTests<TFixture>(TFixture fixture, ITestOutputHelper output) where TFixture : AppHostFixture
{
    /// <summary>Checks that the messages went to the store this run chose, and nowhere else.</summary>
    protected abstract Task AssertStoredAsync(Guid conversationId, int messages);

    protected TFixture Fixture => fixture;

    [Fact]
    public async Task Two_users_signed_in_through_auth_talk_live_with_unread_counts_and_read_receipts()
    {
        output.WriteLine($"AppHost healthy after {fixture.TimeToHealthy.TotalSeconds:F1} s");
        var auth = fixture.CreateClient(ResourceNames.Auth);
        var admin = await auth.SignInAsync(AppHostFixture.AdminEmail, AppHostFixture.AdminPassword);
        var candidate = await auth.NewUserAsync(Roles.Candidate);

        var messaging = fixture.CreateClient(ResourceNames.Messaging).BaseAddress!;
        await using var adminHub = await HubClient.ConnectAsync(messaging, admin.AccessToken);
        await using var candidateHub = await HubClient.ConnectAsync(messaging, candidate.AccessToken);

        var opened = await Rest(admin).PostAsJsonAsync("/api/messaging/conversations", new { participantIds = new[] { candidate.User.Id } });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var conversationId = (await opened.Content.ReadFromJsonAsync<ConversationResponse>())!.Id;
        await candidateHub.Conversations.WaitForAsync(c => c.Id == conversationId);

        var question = await adminHub.Connection.InvokeAsync<MessageResponse>("SendMessage", conversationId, "We received your report; can you tell us more?", "q-1");
        Assert.Equal(question.Text, (await candidateHub.Messages.WaitForAsync(m => m.Id == question.Id)).Text);
        await candidateHub.Connection.InvokeAsync("Typing", conversationId);
        await adminHub.Typing.WaitForAsync(t => t.UserId == candidate.User.Id);
        var answer = await candidateHub.Connection.InvokeAsync<MessageResponse>("SendMessage", conversationId, "Yes: the offer asked for a fee.", "a-1");
        Assert.Equal(answer.Text, (await adminHub.Messages.WaitForAsync(m => m.Id == answer.Id)).Text);

        Assert.Equal(1, await UnreadAsync(candidate, conversationId));
        Assert.Equal(1, await UnreadAsync(admin, conversationId));

        var afterRead = await candidateHub.Connection.InvokeAsync<ConversationResponse>("MarkRead", conversationId, question.Id);
        Assert.Equal(0, afterRead.UnreadCount);
        var receipt = await adminHub.Receipts.WaitForAsync(r => r.UserId == candidate.User.Id);
        Assert.Equal(question.Id, receipt.MessageId);
        Assert.Equal(0, await UnreadAsync(candidate, conversationId));
        Assert.Equal(1, await UnreadAsync(admin, conversationId));

        var history = await Rest(admin).GetFromJsonAsync<MessagePage>($"/api/messaging/conversations/{conversationId}/messages");
        Assert.Equal([answer.Id, question.Id], history!.Items.Select(m => m.Id));
        Assert.Contains(candidate.User.Id, history.Items[1].ReadBy);
        Assert.Empty(history.Items[0].ReadBy);

        await AssertStoredAsync(conversationId, messages: 2);
    }

    private HttpClient Rest(TalentLink.Auth.Model.TokenResponse user) => fixture.CreateClient(ResourceNames.Messaging).WithToken(user.AccessToken);

    private async Task<long> UnreadAsync(TalentLink.Auth.Model.TokenResponse user, Guid conversationId) =>
        (await Rest(user).GetFromJsonAsync<ConversationResponse>($"/api/messaging/conversations/{conversationId}"))!.UnreadCount;
}

[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class EmbeddedMessagingEndToEndTests(SqliteAppHostFixture sqlite, ITestOutputHelper output)
    : MessagingEndToEndTests<SqliteAppHostFixture>(sqlite, output)
{
    // Without MongoDB, the AppHost gave Messaging its embedded store beside the other SQLite files.
    protected override Task AssertStoredAsync(Guid conversationId, int messages)
    {
        Assert.True(File.Exists(Path.Combine(Fixture.DataDirectory, "messaging.db")));
        return Task.CompletedTask;
    }
}

[Collection(MongoAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class MongoMessagingEndToEndTests(MongoAppHostFixture mongo, ITestOutputHelper output)
    : MessagingEndToEndTests<MongoAppHostFixture>(mongo, output)
{
    // The messages are documents in the MongoDB the AppHost was given, and no embedded store was made.
    protected override async Task AssertStoredAsync(Guid conversationId, int messages)
    {
        var database = new MongoDB.Driver.MongoClient(Fixture.Mongo.ConnectionString).GetDatabase(Fixture.Mongo.DatabaseName);
        var stored = await database.GetCollection<MongoDB.Bson.BsonDocument>("messages")
            .CountDocumentsAsync(new MongoDB.Bson.BsonDocument("conversationId", conversationId.ToString()));
        Assert.Equal(messages, stored);
        Assert.False(File.Exists(Path.Combine(Fixture.DataDirectory, "messaging.db")));
    }
}
