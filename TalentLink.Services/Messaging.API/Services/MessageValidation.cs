namespace TalentLink.Messaging.Services;

/// <summary>What a message must look like: some text within the length limit, and a printable client id when given.</summary>
public static class MessageValidation
{
    public static Outcome<bool>? Check(string? text, string? clientMessageId, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Outcome<bool>.Invalid("text", "A message needs some text.");
        }

        if (text.Length > max)
        {
            return Outcome<bool>.Invalid("text", $"A message is at most {max} characters; this one has {text.Length}.");
        }

        if (clientMessageId is not null && (clientMessageId.Length is 0 or > Message.MaxClientMessageIdLength || clientMessageId.Any(char.IsControl)))
        {
            return Outcome<bool>.Invalid("clientMessageId", $"clientMessageId is 1 to {Message.MaxClientMessageIdLength} printable characters.");
        }

        return null;
    }
}
