using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;

namespace TalentLink.Tests.Profiles;

/// <summary>
/// Stands in for the Offers service's <c>has-applied</c> endpoint. It answers for the recruiter named
/// by the forwarded bearer token (401 without one), so it also proves the caller's token is passed on.
/// Each recruiter can be given an outage, so tests sharing the stub stay independent.
/// </summary>
public sealed class OffersStub : HttpMessageHandler
{
    private readonly ConcurrentDictionary<(Guid Recruiter, Guid Candidate), bool> _applications = new();
    private readonly ConcurrentDictionary<Guid, Outage> _outages = new();

    public enum Outage { Unreachable, ServerError, Garbage, TooSlow }

    public void Apply(Guid candidate, Guid recruiter) => _applications[(recruiter, candidate)] = true;

    public void Break(Guid recruiter, Outage outage) => _outages[recruiter] = outage;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is not AuthenticationHeaderValue { Scheme: "Bearer", Parameter: { } token })
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }

        var recruiter = Guid.Parse(new JsonWebToken(token).Subject);
        switch (_outages.GetValueOrDefault(recruiter, (Outage)(-1)))
        {
            case Outage.Unreachable:
                throw new HttpRequestException("Connection refused (offers:80)");
            case Outage.ServerError:
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            case Outage.Garbage:
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy error</html>", System.Text.Encoding.UTF8, "application/json") };
            case Outage.TooSlow:
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                break;
        }

        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["api", "offers", "candidates", var candidate, "has-applied"])
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var applied = _applications.ContainsKey((recruiter, Guid.Parse(candidate)));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { hasApplied = applied }) };
    }
}
