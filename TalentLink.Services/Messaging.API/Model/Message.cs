using System.Globalization;

namespace TalentLink.Messaging.Model;

/// <summary>A text message in a conversation.</summary>
public sealed class Message
{
    public Guid Id { get; set; }

    public Guid ConversationId { get; set; }

    public Guid SenderId { get; set; }

    /// <summary>Chosen by the sending client; a resend with the same id returns the first message.</summary>
    public string? ClientMessageId { get; set; }

    public required string Text { get; set; }

    /// <summary>UTC, to the millisecond (what every store keeps exactly).</summary>
    public DateTimeOffset SentAt { get; set; }

    /// <summary>
    /// Time then id, fixed width, so it orders messages totally with an ordinal comparison: the
    /// history and catch-up cursor. <c>000001764081234567</c> + the id in hex.
    /// </summary>
    public required string SortKey { get; set; }

    public static Message Create(Guid conversationId, Guid senderId, string text, string? clientMessageId, DateTimeOffset now)
    {
        var sentAt = TruncateToMilliseconds(now);
        var id = MessageIds.Next(sentAt);
        return new Message
        {
            Id = id,
            ConversationId = conversationId,
            SenderId = senderId,
            ClientMessageId = clientMessageId,
            Text = text,
            SentAt = sentAt,
            SortKey = SortKeyFor(sentAt, id),
        };
    }

    public static string SortKeyFor(DateTimeOffset sentAt, Guid id) =>
        sentAt.ToUnixTimeMilliseconds().ToString("D18", CultureInfo.InvariantCulture) + id.ToString("N");

    public const int SortKeyLength = 18 + 32;

    public const int MaxClientMessageIdLength = 100;

    /// <summary>What a deleted user's messages say instead of their text.</summary>
    public const string DeletedText = "[message deleted]";

    public static bool IsSortKey(string? value) =>
        value is { Length: SortKeyLength } && value.AsSpan(0, 18).IndexOfAnyExceptInRange('0', '9') < 0
        && Guid.TryParseExact(value.AsSpan(18), "N", out _);

    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
