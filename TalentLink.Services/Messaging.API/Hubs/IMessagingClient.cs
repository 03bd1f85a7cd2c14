namespace TalentLink.Messaging.Hubs;

/// <summary>The events a connected client receives, only for conversations it takes part in.</summary>
public interface IMessagingClient
{
    Task MessageReceived(MessageResponse message);

    Task MessagesRead(ReadReceipt receipt);

    Task UserTyping(TypingNotice notice);

    Task ConversationStarted(ConversationResponse conversation);
}
