using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace TalentLink.Tests.Support;

/// <summary>
/// The Offers service's side of the agreed contracts, in memory:
/// <c>GET /api/offers/applications/{id}</c> (200 to the candidate, the owning recruiter or an admin; 404 otherwise),
/// <c>POST /api/offers/{id}/hide</c> (admin) and <c>GET /api/offers/statistics?from=&amp;to=</c> (admin).
/// Set <see cref="IsDown"/> to make every call fail as a refused connection does.
/// </summary>
public sealed partial class FakeOffers
{
    private readonly ConcurrentDictionary<Guid, FakeApplication> _applications = new();
    private readonly ConcurrentDictionary<Guid, bool> _hiddenOffers = new();

    public bool IsDown { get; set; }

    /// <summary>What the statistics endpoint answers.</summary>
    public Dictionary<string, int> OffersByStatus { get; } = new() { ["draft"] = 2, ["published"] = 5, ["closed"] = 1 };

    public Dictionary<string, int> ApplicationsByStatus { get; } = new() { ["submitted"] = 4, ["in-review"] = 3, ["rejected"] = 1 };

    public IReadOnlyCollection<Guid> HiddenOffers => _hiddenOffers.Keys.ToList();

    public FakeApplication AddApplication(Guid candidateId, Guid recruiterId, string status = "in-review")
    {
        var application = new FakeApplication(Guid.NewGuid(), Guid.NewGuid(), candidateId, recruiterId, status);
        _applications[application.Id] = application;
        return application;
    }

    public HttpMessageHandler CreateHandler() => new Handler(this);

    private sealed class Handler(FakeOffers offers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (offers.IsDown)
            {
                throw new HttpRequestException("Connection refused (offers:80)");
            }

            if (FakeCaller.From(request) is not { } caller)
            {
                return Task.FromResult(FakeResponses.Status(HttpStatusCode.Unauthorized));
            }

            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Get && ApplicationPath().Match(path) is { Success: true } application)
            {
                var found = offers._applications.GetValueOrDefault(Guid.Parse(application.Groups[1].Value));
                var visible = found is not null && (caller.IsAdmin || caller.UserId == found.CandidateId || caller.UserId == found.RecruiterId);
                return Task.FromResult(visible ? FakeResponses.Json(found) : FakeResponses.Status(HttpStatusCode.NotFound));
            }

            if (request.Method == HttpMethod.Post && HidePath().Match(path) is { Success: true } hide)
            {
                if (!caller.IsAdmin)
                {
                    return Task.FromResult(FakeResponses.Status(HttpStatusCode.Forbidden));
                }

                offers._hiddenOffers[Guid.Parse(hide.Groups[1].Value)] = true;
                return Task.FromResult(FakeResponses.Status(HttpStatusCode.NoContent));
            }

            if (request.Method == HttpMethod.Get && path == "/api/offers/statistics")
            {
                return Task.FromResult(caller.IsAdmin
                    ? FakeResponses.Json(new { offersByStatus = offers.OffersByStatus, applicationsByStatus = offers.ApplicationsByStatus })
                    : FakeResponses.Status(HttpStatusCode.Forbidden));
            }

            return Task.FromResult(FakeResponses.Status(HttpStatusCode.NotFound));
        }
    }

    [GeneratedRegex("^/api/offers/applications/([0-9a-fA-F-]{36})$")]
    private static partial Regex ApplicationPath();

    [GeneratedRegex("^/api/offers/([0-9a-fA-F-]{36})/hide$")]
    private static partial Regex HidePath();
}

public sealed record FakeApplication(Guid Id, Guid OfferId, Guid CandidateId, Guid RecruiterId, string Status);
