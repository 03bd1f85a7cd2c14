using System.Net;
using System.Text.Json;

namespace TalentLink.Reports.Services;

/// <summary>
/// <see cref="IModerationTargets"/> over the agreed admin endpoints: Offers <c>POST /api/offers/{id}/hide</c>,
/// Profiles <c>POST /api/profiles/{userId}/hide</c>, Auth <c>POST /api/auth/users/{id}/suspend</c>,
/// called with the admin's own token.
/// </summary>
public sealed class HttpModerationTargets(IHttpClientFactory clients) : IModerationTargets
{
    public async Task<ModerationResult> ApplyAsync(ModerationDecision decision, Guid targetId, CancellationToken cancellationToken)
    {
        var (service, path) = decision switch
        {
            ModerationDecision.HideOffer => (ServiceClients.Offers, $"/api/offers/{targetId}/hide"),
            ModerationDecision.HideProfile => (ServiceClients.Profiles, $"/api/profiles/{targetId}/hide"),
            ModerationDecision.SuspendUser => (ServiceClients.Auth, $"/api/auth/users/{targetId}/suspend"),
            _ => (null, null),
        };
        if (service is null || path is null)
        {
            return new ModerationResult(ModerationOutcome.Applied);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        using var response = await clients.CreateClient(service).SendToDependencyAsync(request, service, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                return new ModerationResult(ModerationOutcome.TargetNotFound);
            case HttpStatusCode.BadRequest or HttpStatusCode.Conflict:
                return new ModerationResult(ModerationOutcome.Refused, await ProblemDetailAsync(response, cancellationToken));
            default:
                response.EnsureDependencySuccess(service);
                return new ModerationResult(ModerationOutcome.Applied);
        }
    }

    private static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
