using System.ComponentModel.DataAnnotations;

namespace TalentLink.Messaging.Model;

/// <summary>The <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary><c>Auto</c> (MongoDB when <c>ConnectionStrings:mongodb</c> is set, else embedded), <c>Mongo</c> or <c>Embedded</c>.</summary>
    public MessageStoreKind Store { get; set; } = MessageStoreKind.Auto;

    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 4000;

    [Range(2, 100)]
    public int MaxParticipants { get; set; } = 20;

    /// <summary>
    /// Whether a candidate may open a conversation. Off by default: candidates answer recruiters and
    /// admins but cannot cold-message them.
    /// </summary>
    public bool CandidatesMayStartConversations { get; set; }
}

public enum MessageStoreKind
{
    Auto,
    Mongo,
    Embedded,
}
