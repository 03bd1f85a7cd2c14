using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TalentLink.Profiles.Services;

/// <summary>
/// Asks Offers (with the caller's token, see <c>AddAuthToken</c>) whether a candidate applied to
/// one of the calling recruiter's offers. Offers being down, slow or answering garbage never fails
/// the caller's request: the answer is then unknown (null) and Profiles decides without it.
/// </summary>
public sealed class OffersClient(HttpClient http, IOptions<OffersOptions> options, ILogger<OffersClient> logger)
{
    public async Task<bool?> HasAppliedAsync(Guid candidateId, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await http.GetAsync($"/api/offers/candidates/{candidateId}/has-applied", budget.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Offers answered {StatusCode} to has-applied for candidate {CandidateId}", (int)response.StatusCode, candidateId);
                return null;
            }

            var answer = await response.Content.ReadFromJsonAsync<HasAppliedResponse>(budget.Token);
            return answer?.HasApplied;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Offers could not say whether candidate {CandidateId} applied; deciding without it", candidateId);
            return null;
        }
    }

    private sealed record HasAppliedResponse(bool? HasApplied);
}
