namespace TalentLink.Benchmarks.Load;

/// <summary>
/// The ceiling of any mix through the gateway: only the cheapest request a signed-in candidate makes,
/// viewing an offer (Offers answers it from its cache, with no database read). Loaded closed-loop,
/// its throughput is what the gateway hop, token validation and the service's HTTP stack allow on
/// this machine; a mix of dearer requests cannot go faster.
/// </summary>
internal sealed class OfferReads(TimedHttp http, Marketplace marketplace) : IScenario
{
    public const string Run = "ceiling: view offer only";

    public Task StepAsync(int user, Random random, LatencyRecorder recorder)
    {
        var account = marketplace.Candidates[user % marketplace.Candidates.Count];
        var offer = marketplace.Offers[random.Next(marketplace.Offers.Count)];
        return http.SendAsync(recorder, "view offer", new HttpRequestMessage(HttpMethod.Get, $"/api/offers/{offer}"), account.Tokens.AccessToken);
    }
}
