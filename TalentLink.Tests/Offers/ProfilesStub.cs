using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TalentLink.Tests.Offers;

/// <summary>
/// Profiles as Offers sees it, in process: exactly the agreed contract
/// <c>GET /api/profiles/recruiters/{userId}/company</c> → 200 company, 404 ProblemDetails when the
/// recruiter has no company, 401 without a bearer token. <see cref="Down"/> makes every call fail
/// as an unreachable host does.
/// </summary>
public sealed partial class ProfilesStub : HttpMessageHandler
{
    private readonly ConcurrentDictionary<Guid, (Guid Id, string Name)> _companies = new();
    private int _calls;

    public bool Down { get; set; }

    public int Calls => _calls;

    public Guid AddCompany(Guid recruiterId, string name)
    {
        var id = Guid.NewGuid();
        _companies[recruiterId] = (id, name);
        return id;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Down)
        {
            throw new HttpRequestException("Connection refused (profiles:80)", null, HttpStatusCode.ServiceUnavailable);
        }

        var match = CompanyRoute().Match(request.RequestUri!.AbsolutePath);
        if (request.Method != HttpMethod.Get || !match.Success)
        {
            return Task.FromResult(Problem(HttpStatusCode.NotFound, "Not found"));
        }

        if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter.Length: > 0 })
        {
            return Task.FromResult(Problem(HttpStatusCode.Unauthorized, "Unauthorized"));
        }

        var recruiterId = Guid.Parse(match.Groups[1].Value);
        if (!_companies.TryGetValue(recruiterId, out var company))
        {
            return Task.FromResult(Problem(HttpStatusCode.NotFound, "Company not found"));
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = JsonContent.Create(new { id = company.Id, name = company.Name, location = "Lyon", website = (string?)null }),
        });
    }

    private static HttpResponseMessage Problem(HttpStatusCode status, string title) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(new { status = (int)status, title }), new MediaTypeHeaderValue("application/problem+json")),
    };

    [GeneratedRegex("^/api/profiles/recruiters/([0-9a-fA-F-]{36})/company$")]
    private static partial Regex CompanyRoute();
}
