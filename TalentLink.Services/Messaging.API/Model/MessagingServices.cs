namespace TalentLink.Messaging.Model;

/// <summary>What the messaging endpoints depend on, injected as one <c>[AsParameters]</c> argument.</summary>
public sealed class MessagingServices(ConversationService conversations, ILogger<MessagingServices> logger)
{
    public ConversationService Conversations { get; } = conversations;
    public ILogger<MessagingServices> Logger { get; } = logger;
}
