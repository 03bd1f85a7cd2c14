using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TalentLink.Platform.Clients;

/// <summary>
/// The Offers service as the other services ask it, with the caller's token (forwarded by
/// <c>AddAuthToken</c>, or given when there is no HTTP request to forward it from, as in a SignalR hub).
/// Offers being down, slow or answering garbage never fails the caller's request: the answer is then
/// unknown (null) and the caller decides without it.
/// </summary>
public sealed class OffersClient(HttpClient http, IOptions<OffersClientOptions> options, ILogger<OffersClient> logger)
{
    /// <summary>
    /// Whether the candidate applied to one of the calling recruiter's offers
    /// (<c>GET /api/offers/candidates/{candidateId}/has-applied</c>); null when Offers cannot say.
    /// </summary>
    public async Task<bool?> HasAppliedAsync(Guid candidateId, CancellationToken cancellationToken, string? accessToken = null)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/offers/candidates/{candidateId}/has-applied");
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        try
        {
            using var response = await http.SendToDependencyAsync(request, ResourceNames.Offers, budget.Token);
            var answer = await response.ReadDependencyJsonAsync<HasAppliedResponse>(ResourceNames.Offers, WireEnum.JsonOptions, budget.Token);
            return answer.HasApplied;
        }
        catch (Exception ex) when (ex is DependencyUnavailableException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Unreachable, not in the model (service discovery finds no endpoint), past the budget, or a bad answer.
            logger.LogWarning(ex, "Offers could not say whether candidate {CandidateId} applied; deciding without it", candidateId);
            return null;
        }
    }

    private sealed record HasAppliedResponse(bool? HasApplied);
}
