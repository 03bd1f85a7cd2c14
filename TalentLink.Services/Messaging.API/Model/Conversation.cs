namespace TalentLink.Messaging.Model;

/// <summary>A conversation between two or more users; only its participants may read or write it.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }

    /// <summary>The sorted participant ids joined with ','; at most one conversation per set of people.</summary>
    public required string ParticipantKey { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the last message was sent (or the conversation opened); lists are ordered by it.</summary>
    public DateTimeOffset LastActivityAt { get; set; }

    public Guid? LastMessageId { get; set; }

    public List<Participant> Participants { get; set; } = [];

    /// <summary>The newest message, filled in by the store when it reads a conversation.</summary>
    public Message? LastMessage { get; set; }

    /// <summary>Fills in <see cref="LastMessage"/> (read in the same query as the conversation) and returns the conversation.</summary>
    public Conversation WithLastMessage(Message? message)
    {
        LastMessage = message;
        return this;
    }

    public bool HasParticipant(Guid userId) => Participants.Any(p => p.UserId == userId);

    /// <summary>Puts <paramref name="anonymousId"/> wherever <paramref name="userId"/> was a participant or the creator.</summary>
    public void ReplaceParticipant(Guid userId, Guid anonymousId)
    {
        foreach (var participant in Participants.Where(p => p.UserId == userId))
        {
            participant.UserId = anonymousId;
        }

        CreatedBy = CreatedBy == userId ? anonymousId : CreatedBy;
        ParticipantKey = KeyFor(Participants.Select(p => p.UserId));
    }

    public static string KeyFor(IEnumerable<Guid> participantIds) =>
        string.Join(',', participantIds.Distinct().Order().Select(id => id.ToString("N")));
}
