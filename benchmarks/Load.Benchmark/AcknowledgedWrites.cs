using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace TalentLink.Benchmarks.Load;

/// <summary>A write the platform acknowledged (2xx), with when the client got the answer.</summary>
internal sealed record AcknowledgedWrite(string Kind, string Id, DateTimeOffset At);

/// <summary>
/// The RPO probe: users who only write, and remember every write the platform acknowledged —
/// messages (Messaging, found again by their client message id) and applications with a CV
/// (Offers and its uploads, found again by the id the answer carried).
/// </summary>
internal sealed class AcknowledgedWrites(TimedHttp http, Marketplace marketplace) : IScenario
{
    public const string Message = "message";
    public const string Application = "application";

    private readonly ConcurrentQueue<AcknowledgedWrite> _acknowledged = new();

    public IReadOnlyList<AcknowledgedWrite> Acknowledged => [.. _acknowledged];

    public async Task StepAsync(int user, Random random, LatencyRecorder recorder)
    {
        var account = marketplace.Candidates[user % marketplace.Candidates.Count];
        var offer = marketplace.Offers[random.Next(marketplace.Offers.Count)];
        if (random.Next(4) == 0 && account.TryClaim(offer))
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/offers/{offer}/applications") { Content = Marketplace.ApplicationForm(account.Email) };
            if (await http.SendAsync(recorder, "apply with CV", request, account.Tokens.AccessToken) is { } body)
            {
                _acknowledged.Enqueue(new(Application, JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!, DateTimeOffset.UtcNow));
            }

            return;
        }

        var clientMessageId = Guid.NewGuid().ToString();
        var send = new HttpRequestMessage(HttpMethod.Post, $"/api/messaging/conversations/{account.ConversationId}/messages")
        {
            Content = JsonContent.Create(new { text = "Acknowledged, see you then.", clientMessageId }),
        };
        if (await http.SendAsync(recorder, "send message", send, account.Tokens.AccessToken) is not null)
        {
            _acknowledged.Enqueue(new(Message, clientMessageId, DateTimeOffset.UtcNow));
        }
    }
}
