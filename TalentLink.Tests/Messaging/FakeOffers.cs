using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace TalentLink.Tests.Messaging;

/// <summary>
/// The Offers service's side of the agreed contract, in process:
/// <c>GET /api/offers/candidates/{candidateId}/has-applied</c> with a recruiter's token answers
/// <c>{ "hasApplied": bool }</c> for that recruiter's offers. <see cref="Down"/> makes it unreachable.
/// </summary>
public sealed class FakeOffers
{
    private readonly ConcurrentDictionary<(Guid Recruiter, Guid Candidate), bool> _applications = new();
    private int _calls;

    public bool Down { get; set; }

    public int Calls => _calls;

    public void Apply(Guid candidateId, Guid toOfferOfRecruiterId) => _applications[(toOfferOfRecruiterId, candidateId)] = true;

    public HttpMessageHandler CreateHandler() => new Handler(this);

    private sealed class Handler(FakeOffers offers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref offers._calls);
            if (offers.Down)
            {
                throw new HttpRequestException("Connection refused (offers:80)");
            }

            var segments = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
            if (request.Method != HttpMethod.Get || segments is not ["api", "offers", "candidates", var id, "has-applied"] || !Guid.TryParse(id, out var candidateId))
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            }

            if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: { } token })
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
            }

            var jwt = new JsonWebToken(token);
            if (jwt.GetClaim("role").Value != Roles.Recruiter)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden));
            }

            var applied = offers._applications.ContainsKey((Guid.Parse(jwt.Subject), candidateId));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { hasApplied = applied }) });
        }
    }
}
