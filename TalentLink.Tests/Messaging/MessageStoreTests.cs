using TalentLink.Messaging.Infrastructure;
using TalentLink.Messaging.Model;

namespace TalentLink.Tests.Messaging;

/// <summary>
/// One behavioural suite for every message store: the embedded store on SQLite and on PostgreSQL,
/// and the MongoDB store (on the wire-compatible test server, or on a real MongoDB when
/// <c>TALENTLINK_TEST_MONGODB</c> is set). See the subclasses at the end.
/// </summary>
public abstract class MessageStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : MessageStoreFixture
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_new_conversation_is_found_with_its_participants_and_no_messages()
    {
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var (created, isNew) = await Store().CreateConversationAsync(NewConversation(alice, bob), default);
        Assert.True(isNew);

        var found = await Store().FindConversationAsync(created.Id, default);
        Assert.NotNull(found);
        Assert.Equal(new[] { alice, bob }.Order(), found.Participants.Select(p => p.UserId).Order());
        Assert.Equal(alice, found.CreatedBy);
        Assert.Equal(T0, found.CreatedAt);
        Assert.Null(found.LastMessage);
        Assert.Null(await Store().FindConversationAsync(Guid.NewGuid(), default));

        var forAccess = await Store().FindParticipantsAsync(created.Id, default);
        Assert.Equal(new[] { alice, bob }.Order(), forAccess!.Participants.Select(p => p.UserId).Order());
        Assert.Null(await Store().FindParticipantsAsync(Guid.NewGuid(), default));
    }

    [Fact]
    public async Task Opening_a_conversation_with_the_same_people_returns_the_existing_one()
    {
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var (first, _) = await Store().CreateConversationAsync(NewConversation(alice, bob), default);
        var (second, isNew) = await Store().CreateConversationAsync(NewConversation(bob, alice), default);

        Assert.False(isNew);
        Assert.Equal(first.Id, second.Id);
        Assert.Single((await Store().ListConversationsAsync(alice, 0, 10, default)).Items);
    }

    [Fact]
    public async Task Opening_the_same_conversation_concurrently_creates_only_one()
    {
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store().CreateConversationAsync(NewConversation(alice, bob), default))));

        Assert.Single(results.Select(r => r.Conversation.Id).Distinct());
        Assert.Equal(1, results.Count(r => r.Created));
        Assert.Single((await Store().ListConversationsAsync(alice, 0, 10, default)).Items);
    }

    [Fact]
    public async Task History_is_newest_first_and_pages_by_cursor_without_gaps_or_repeats()
    {
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var conversation = await CreateAsync(alice, bob);
        for (var i = 0; i < 7; i++)
        {
            await AppendAsync(conversation, i % 2 == 0 ? alice : bob, $"message {i}", T0.AddSeconds(i));
        }

        var seen = new List<string>();
        string? before = null;
        for (var page = 0; page < 3; page++)
        {
            var messages = await Store().HistoryAsync(conversation.Id, before, 3, default);
            seen.AddRange(messages.Select(m => m.Text));
            before = messages[^1].SortKey;
        }

        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"message {i}"), seen);
        Assert.Empty(await Store().HistoryAsync(conversation.Id, before, 3, default));
    }

    [Fact]
    public async Task Messages_sent_in_the_same_millisecond_keep_one_total_order()
    {
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var conversation = await CreateAsync(alice, bob);
        var sent = new List<Message>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await AppendAsync(conversation, alice, $"burst {i}", T0));
        }

        var first = await Store().HistoryAsync(conversation.Id, null, 2, default);
        var rest = await Store().HistoryAsync(conversation.Id, first[^1].SortKey, 10, default);

        Assert.Equal(sent.Select(m => m.Id).Order(), first.Concat(rest).Select(m => m.Id).Order());
        Assert.Equal(sent.OrderByDescending(m => m.SortKey, StringComparer.Ordinal).Select(m => m.Id), first.Concat(rest).Select(m => m.Id));
    }

    [Fact]
    public async Task Times_come_back_in_utc_to_the_millisecond()
    {
        var conversation = await CreateAsync(Guid.NewGuid(), Guid.NewGuid());
        var at = new DateTimeOffset(2026, 7, 4, 23, 59, 58, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var message = await AppendAsync(conversation, conversation.CreatedBy, "hello", at);

        var stored = (await Store().HistoryAsync(conversation.Id, null, 1, default)).Single();
        Assert.Equal(message.Id, stored.Id);
        Assert.Equal(TimeSpan.Zero, stored.SentAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 7, 4, 21, 59, 58, 123, TimeSpan.Zero), stored.SentAt);
    }

    [Fact]
    public async Task Resending_with_the_same_client_message_id_returns_the_first_message_and_stores_nothing()
    {
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var conversation = await CreateAsync(alice, bob);
        var first = await AppendAsync(conversation, alice, "hi", T0, clientMessageId: "c-1");

        var (again, created) = await Store().AppendMessageAsync(conversation, Message.Create(conversation.Id, alice, "hi", "c-1", T0.AddSeconds(5)), default);
        Assert.False(created);
        Assert.Equal(first.Id, again.Id);

        // The same client id in another conversation is another message.
        var other = await CreateAsync(alice, Guid.NewGuid());
        Assert.True((await Store().AppendMessageAsync(other, Message.Create(other.Id, alice, "hi", "c-1", T0), default)).Created);

        Assert.Single(await Store().HistoryAsync(conversation.Id, null, 10, default));
    }

    [Fact]
    public async Task Concurrent_resends_with_the_same_client_message_id_store_exactly_one_message()
    {
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var conversation = await CreateAsync(alice, bob);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Store().AppendMessageAsync(conversation, Message.Create(conversation.Id, alice, "once", "retry-me", T0.AddMilliseconds(i)), default))));

        Assert.Equal(1, results.Count(r => r.Created));
        Assert.Single(results.Select(r => r.Message.Id).Distinct());
        Assert.Single(await Store().HistoryAsync(conversation.Id, null, 10, default));
    }

    [Fact]
    public async Task Unread_counts_others_messages_after_the_read_marker_which_only_moves_forward()
    {
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var conversation = await CreateAsync(alice, bob);
        var m1 = await AppendAsync(conversation, alice, "one", T0.AddSeconds(1));
        var m2 = await AppendAsync(conversation, alice, "two", T0.AddSeconds(2));
        await AppendAsync(conversation, bob, "mine", T0.AddSeconds(3));
        var m4 = await AppendAsync(conversation, alice, "four", T0.AddSeconds(4));

        Assert.Equal(3, await Store().CountUnreadAsync(conversation.Id, bob, null, default));
        Assert.Equal(1, await Store().CountUnreadAsync(conversation.Id, alice, null, default));

        Assert.True(await Store().MarkReadAsync(conversation.Id, bob, m2, T0.AddMinutes(1), default));
        var bobState = await ParticipantAsync(conversation.Id, bob);
        Assert.Equal(m2.Id, bobState.LastReadMessageId);
        Assert.Equal(T0.AddMinutes(1), bobState.LastReadAt);
        Assert.Equal(1, await Store().CountUnreadAsync(conversation.Id, bob, bobState.LastReadKey, default));

        // An older receipt arriving late changes nothing.
        Assert.False(await Store().MarkReadAsync(conversation.Id, bob, m1, T0.AddMinutes(2), default));
        Assert.Equal(m2.Id, (await ParticipantAsync(conversation.Id, bob)).LastReadMessageId);

        Assert.True(await Store().MarkReadAsync(conversation.Id, bob, m4, T0.AddMinutes(3), default));
        Assert.Equal(0, await Store().CountUnreadAsync(conversation.Id, bob, (await ParticipantAsync(conversation.Id, bob)).LastReadKey, default));

        // Alice's marker is her own.
        Assert.Null((await ParticipantAsync(conversation.Id, alice)).LastReadMessageId);
    }

    [Fact]
    public async Task Unread_counts_of_a_page_of_conversations_come_back_together_each_from_its_own_read_marker()
    {
        var (bob, alice, carol) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var withAlice = await CreateAsync(alice, bob);
        var withCarol = await CreateAsync(carol, bob);
        var quiet = await CreateAsync(bob, alice, carol);
        await AppendAsync(withAlice, alice, "one", T0.AddSeconds(1));
        var read = await AppendAsync(withAlice, alice, "two", T0.AddSeconds(2));
        await AppendAsync(withAlice, alice, "three", T0.AddSeconds(3));
        await AppendAsync(withAlice, bob, "mine", T0.AddSeconds(4));
        await AppendAsync(withCarol, carol, "hello", T0.AddSeconds(5));
        await AppendAsync(withCarol, carol, "are you there?", T0.AddSeconds(6));
        await Store().MarkReadAsync(withAlice.Id, bob, read, T0.AddMinutes(1), default);

        // As the conversation list reads them: the stored conversations, with Bob's read markers.
        var (page, _) = await Store().ListConversationsAsync(bob, 0, 10, default);
        var counts = await Store().CountUnreadAsync(bob, page, default);

        Assert.Equal(1, counts[withAlice.Id]);
        Assert.Equal(2, counts[withCarol.Id]);
        Assert.Equal(0, counts[quiet.Id]);
        foreach (var conversation in page)
        {
            var marker = conversation.Participants.Single(p => p.UserId == bob).LastReadKey;
            Assert.Equal(await Store().CountUnreadAsync(conversation.Id, bob, marker, default), counts[conversation.Id]);
        }
    }

    [Fact]
    public async Task Read_markers_of_two_participants_updated_together_are_both_kept()
    {
        var (alice, bob, carol) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var conversation = await CreateAsync(alice, bob, carol);
        var message = await AppendAsync(conversation, alice, "all read this", T0.AddSeconds(1));

        await Task.WhenAll(
            Task.Run(() => Store().MarkReadAsync(conversation.Id, bob, message, T0.AddMinutes(1), default)),
            Task.Run(() => Store().MarkReadAsync(conversation.Id, carol, message, T0.AddMinutes(1), default)));

        Assert.Equal(message.Id, (await ParticipantAsync(conversation.Id, bob)).LastReadMessageId);
        Assert.Equal(message.Id, (await ParticipantAsync(conversation.Id, carol)).LastReadMessageId);
    }

    [Fact]
    public async Task A_users_conversations_are_listed_by_latest_activity_with_their_last_message()
    {
        var (alice, bob, carol, dave) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var withBob = await CreateAsync(alice, bob);
        var withCarol = await CreateAsync(alice, carol);
        await CreateAsync(bob, dave);
        await AppendAsync(withCarol, carol, "older", T0.AddSeconds(1));
        await AppendAsync(withBob, bob, "newest", T0.AddSeconds(2));

        var (items, total) = await Store().ListConversationsAsync(alice, 0, 10, default);
        Assert.Equal(2, total);
        Assert.Equal([withBob.Id, withCarol.Id], items.Select(c => c.Id));
        Assert.Equal("newest", items[0].LastMessage?.Text);
        Assert.Equal(T0.AddSeconds(2), items[0].LastActivityAt);

        var (secondPage, _) = await Store().ListConversationsAsync(alice, 1, 1, default);
        Assert.Equal(withCarol.Id, Assert.Single(secondPage).Id);
        Assert.Equal(new[] { withBob.Id, withCarol.Id }.Order(), (await Store().ConversationIdsOfAsync(alice, default)).Order());
    }

    [Fact]
    public async Task The_last_message_never_moves_back_to_an_older_one()
    {
        var conversation = await CreateAsync(Guid.NewGuid(), Guid.NewGuid());
        await AppendAsync(conversation, conversation.CreatedBy, "later", T0.AddSeconds(10));
        await AppendAsync(conversation, conversation.CreatedBy, "delayed", T0.AddSeconds(5));

        var found = await Store().FindConversationAsync(conversation.Id, default);
        Assert.Equal("later", found!.LastMessage?.Text);
        Assert.Equal("later", (await Store().LatestMessageAsync(conversation.Id, default))?.Text);
    }

    [Fact]
    public async Task Concurrent_sends_from_one_stale_read_all_land_and_the_newest_is_the_last_message()
    {
        var conversation = await CreateAsync(Guid.NewGuid(), Guid.NewGuid());

        // Every send read the conversation before any message existed, as eight requests at once would.
        var sends = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Store().AppendMessageAsync(conversation, Message.Create(conversation.Id, conversation.CreatedBy, $"m{i}", $"c-{i}", T0.AddSeconds(i)), default))));

        Assert.All(sends, s => Assert.True(s.Created));
        Assert.Equal(8, (await Store().HistoryAsync(conversation.Id, null, 20, default)).Count);
        var found = await Store().FindConversationAsync(conversation.Id, default);
        Assert.Equal("m7", found!.LastMessage?.Text);
        Assert.Equal(T0.AddSeconds(7), found.LastActivityAt);
    }

    [Fact]
    public async Task A_send_finds_the_conversation_and_the_message_its_client_id_already_sent()
    {
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var conversation = await CreateAsync(alice, bob);
        var first = await AppendAsync(conversation, alice, "hi", T0, clientMessageId: "c-1");
        var elsewhere = await CreateAsync(alice, Guid.NewGuid());

        var (found, earlier) = await Store().FindForSendAsync(conversation.Id, "c-1", default);
        Assert.Equal(new[] { alice, bob }.Order(), found!.Participants.Select(p => p.UserId).Order());
        Assert.Equal(first.Id, earlier?.Id);
        Assert.Equal("hi", earlier?.Text);

        Assert.Null((await Store().FindForSendAsync(conversation.Id, "c-2", default)).Earlier);
        Assert.Null((await Store().FindForSendAsync(conversation.Id, null, default)).Earlier);
        var (other, notHere) = await Store().FindForSendAsync(elsewhere.Id, "c-1", default);
        Assert.Equal(elsewhere.Id, other?.Id);
        Assert.Null(notHere);
        Assert.Equal((null, null), await Store().FindForSendAsync(Guid.NewGuid(), "c-1", default));
    }

    [Fact]
    public async Task The_total_of_a_users_conversations_is_the_same_on_every_page()
    {
        var alice = Guid.NewGuid();
        foreach (var _ in Enumerable.Range(0, 5))
        {
            await CreateAsync(alice, Guid.NewGuid());
        }

        foreach (var (skip, take, count) in new[] { (0, 10, 5), (0, 2, 2), (2, 2, 2), (4, 2, 1), (6, 2, 0), (0, 5, 5) })
        {
            var (items, total) = await Store().ListConversationsAsync(alice, skip, take, default);
            Assert.Equal(count, items.Count);
            Assert.Equal(5, total);
        }

        Assert.Equal(0, (await Store().ListConversationsAsync(Guid.NewGuid(), 0, 10, default)).TotalCount);
    }

    [Fact]
    public async Task Catching_up_returns_what_came_after_a_cursor_in_the_users_conversations_oldest_first()
    {
        var (alice, bob, carol) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var withBob = await CreateAsync(alice, bob);
        var withCarol = await CreateAsync(alice, carol);
        var notMine = await CreateAsync(bob, carol);
        var seen = await AppendAsync(withBob, bob, "seen", T0.AddSeconds(1));
        await AppendAsync(withCarol, carol, "missed 1", T0.AddSeconds(2));
        await AppendAsync(notMine, bob, "private", T0.AddSeconds(3));
        await AppendAsync(withBob, bob, "missed 2", T0.AddSeconds(4));
        await AppendAsync(withCarol, alice, "missed 3", T0.AddSeconds(5));

        var mine = await Store().ConversationIdsOfAsync(alice, default);
        var missed = await Store().MessagesAfterAsync(mine, seen.SortKey, 10, default);
        Assert.Equal(["missed 1", "missed 2", "missed 3"], missed.Select(m => m.Text));

        var firstTwo = await Store().MessagesAfterAsync(mine, seen.SortKey, 2, default);
        Assert.Equal(["missed 3"], (await Store().MessagesAfterAsync(mine, firstTwo[^1].SortKey, 10, default)).Select(m => m.Text));
    }

    [Fact]
    public async Task A_message_is_found_only_in_its_own_conversation()
    {
        var conversation = await CreateAsync(Guid.NewGuid(), Guid.NewGuid());
        var other = await CreateAsync(Guid.NewGuid(), Guid.NewGuid());
        var message = await AppendAsync(conversation, conversation.CreatedBy, "here", T0);

        Assert.Equal("here", (await Store().FindMessageAsync(conversation.Id, message.Id, default))?.Text);
        Assert.Null(await Store().FindMessageAsync(other.Id, message.Id, default));
    }

    [Fact]
    public async Task Erasing_a_user_marks_their_messages_deleted_keeps_the_others_and_names_them_nowhere()
    {
        var (alice, bob, anonymous) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var conversation = await CreateAsync(alice, bob);
        await AppendAsync(conversation, bob, "from bob", T0.AddMinutes(1));
        await AppendAsync(conversation, alice, "from alice", T0.AddMinutes(2), "alice-client-id");
        await Store().MarkReadAsync(conversation.Id, alice, (await Store().LatestMessageAsync(conversation.Id, default))!, T0.AddMinutes(3), default);

        Assert.Equal(1, await Store().EraseUserAsync(alice, anonymous, default));
        Assert.Equal(0, await Store().EraseUserAsync(alice, Guid.NewGuid(), default));

        var history = await Store().HistoryAsync(conversation.Id, null, 10, default);
        Assert.Equal(["[message deleted]", "from bob"], history.Select(m => m.Text));
        Assert.Equal([anonymous, bob], history.Select(m => m.SenderId));
        Assert.All(history, m => Assert.NotEqual("alice-client-id", m.ClientMessageId));
        var found = (await Store().FindConversationAsync(conversation.Id, default))!;
        Assert.Equal(new[] { anonymous, bob }.Order(), found.Participants.Select(p => p.UserId).Order());
        Assert.Equal(anonymous, found.CreatedBy);
        Assert.Equal("[message deleted]", found.LastMessage?.Text);
        Assert.NotNull(found.Participants.Single(p => p.UserId == anonymous).LastReadKey);
        Assert.Empty((await Store().ListConversationsAsync(alice, 0, 10, default)).Items);
        Assert.Single((await Store().ListConversationsAsync(bob, 0, 10, default)).Items);
    }

    private IMessageStore Store() => fixture.NewStore();

    private static Conversation NewConversation(params Guid[] users)
    {
        var id = Guid.NewGuid();
        return new Conversation
        {
            Id = id,
            ParticipantKey = Conversation.KeyFor(users),
            CreatedBy = users[0],
            CreatedAt = T0,
            LastActivityAt = T0,
            Participants = users.Select(u => new Participant { ConversationId = id, UserId = u }).ToList(),
        };
    }

    private async Task<Conversation> CreateAsync(params Guid[] users) =>
        (await Store().CreateConversationAsync(NewConversation(users), default)).Conversation;

    private async Task<Message> AppendAsync(Conversation conversation, Guid sender, string text, DateTimeOffset at, string? clientMessageId = null)
    {
        var (message, created) = await Store().AppendMessageAsync(conversation, Message.Create(conversation.Id, sender, text, clientMessageId, at), default);
        Assert.True(created);
        return message;
    }

    private async Task<Participant> ParticipantAsync(Guid conversationId, Guid userId) =>
        (await Store().FindConversationAsync(conversationId, default))!.Participants.Single(p => p.UserId == userId);
}

[Trait("Category", "integration")]
public sealed class SqliteMessageStoreTests(SqliteStoreFixture fixture) : MessageStoreTests<SqliteStoreFixture>(fixture);

[Trait("Category", "integration")]
public sealed class PostgresMessageStoreTests(PostgresStoreFixture fixture) : MessageStoreTests<PostgresStoreFixture>(fixture);

[OnMongoTestServer]
[Trait("Category", "integration")]
public sealed class MongoMessageStoreTests(MongoStoreFixture fixture) : MessageStoreTests<MongoStoreFixture>(fixture);
