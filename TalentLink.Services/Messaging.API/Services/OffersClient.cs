using System.Net.Http.Headers;

namespace TalentLink.Messaging.Services;

/// <summary>
/// Asks the Offers service whether a candidate applied to one of the calling recruiter's offers
/// (<c>GET /api/offers/candidates/{candidateId}/has-applied</c>, with the recruiter's own token).
/// </summary>
public sealed class OffersClient(HttpClient client, ILogger<OffersClient> logger)
{
    /// <summary>True or false from Offers; null when Offers cannot answer (down, unknown, or an error).</summary>
    public async Task<bool?> HasAppliedAsync(Guid candidateId, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/offers/candidates/{candidateId}/has-applied");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Offers answered {Status} to has-applied for candidate {CandidateId}", (int)response.StatusCode, candidateId);
                return null;
            }

            var body = await response.Content.ReadFromJsonAsync<HasAppliedResponse>(cancellationToken);
            return body?.HasApplied;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Unreachable, not in the model (service discovery finds no endpoint), timed out, or a bad body.
            logger.LogWarning(ex, "Offers could not tell whether candidate {CandidateId} applied", candidateId);
            return null;
        }
    }

    private sealed record HasAppliedResponse(bool HasApplied);
}
