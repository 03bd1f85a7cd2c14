namespace TalentLink.Messaging.Model;

/// <summary>A member of a conversation and how far they have read (the read receipt).</summary>
public sealed class Participant
{
    public Guid ConversationId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The <see cref="Message.SortKey"/> of the newest message this user has read.</summary>
    public string? LastReadKey { get; set; }

    public Guid? LastReadMessageId { get; set; }

    public DateTimeOffset? LastReadAt { get; set; }

    /// <summary>Whether this participant has read <paramref name="message"/> (their own messages count as read).</summary>
    public bool HasRead(Message message) =>
        message.SenderId == UserId || (LastReadKey is not null && string.CompareOrdinal(LastReadKey, message.SortKey) >= 0);
}
