using TalentLink.Messaging.Model;

namespace TalentLink.Tests.Messaging;

/// <summary>Messages sent within one millisecond still come back in the order they were sent.</summary>
[Trait("Category", "unit")]
public sealed class MessageIdsTests
{
    [Fact]
    public void Messages_created_in_the_same_millisecond_sort_in_creation_order()
    {
        var now = DateTimeOffset.UtcNow;
        var messages = Enumerable.Range(0, 5_000)
            .Select(i => Message.Create(Guid.Empty, Guid.Empty, $"m{i}", clientMessageId: null, now))
            .ToList();

        var sorted = messages.OrderBy(m => m.SortKey, StringComparer.Ordinal).Select(m => m.Text);
        Assert.Equal(messages.Select(m => m.Text), sorted);
        Assert.All(messages, m => Assert.Equal(7, m.Id.Version));
        Assert.All(messages, m => Assert.Equal(now.ToUnixTimeMilliseconds(), m.SentAt.ToUnixTimeMilliseconds()));
        Assert.Equal(messages.Count, messages.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public void A_later_millisecond_sorts_after_an_earlier_one()
    {
        var first = Message.Create(Guid.Empty, Guid.Empty, "first", null, DateTimeOffset.UtcNow);
        var second = Message.Create(Guid.Empty, Guid.Empty, "second", null, DateTimeOffset.UtcNow.AddMilliseconds(5));

        Assert.True(string.CompareOrdinal(first.SortKey, second.SortKey) < 0);
    }
}
