using System.Net;
using System.Text.Json;
using Polly;

namespace TalentLink.Offers.Services;

/// <summary>A recruiter's company as Profiles describes it (<c>GET /api/profiles/recruiters/{userId}/company</c>).</summary>
public sealed record ProfilesCompany(Guid Id, string Name, string? Location, string? Website);

public enum CompanyLookupOutcome
{
    /// <summary>Profiles answered with the recruiter's company.</summary>
    Found,

    /// <summary>Profiles answered: this recruiter has no company page.</summary>
    NoCompany,

    /// <summary>Profiles could not be reached or failed, after the resilience pipeline gave up.</summary>
    Unavailable,
}

public sealed record CompanyLookup(CompanyLookupOutcome Outcome, ProfilesCompany? Company)
{
    public static readonly CompanyLookup NoCompany = new(CompanyLookupOutcome.NoCompany, null);
    public static readonly CompanyLookup Unavailable = new(CompanyLookupOutcome.Unavailable, null);
}

/// <summary>
/// Calls the Profiles service (by service-discovery name, through the resilience pipeline set up in
/// <c>AddApplicationServices</c>) with the caller's bearer token (forwarded by AddAuthToken). Never throws for an unreachable or
/// failing Profiles: it reports <see cref="CompanyLookupOutcome.Unavailable"/> and the caller degrades.
/// </summary>
public sealed class ProfilesClient(HttpClient http, ILogger<ProfilesClient> logger)
{
    public async Task<CompanyLookup> GetRecruiterCompanyAsync(Guid recruiterId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/profiles/recruiters/{recruiterId}/company");

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return CompanyLookup.NoCompany;
            }

            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Profiles answered {StatusCode} for the company of recruiter {RecruiterId}", (int)response.StatusCode, recruiterId);
                return CompanyLookup.Unavailable;
            }

            var company = await response.Content.ReadFromJsonAsync<ProfilesCompany>(cancellationToken);
            return company is { Name.Length: > 0 } ? new CompanyLookup(CompanyLookupOutcome.Found, company) : CompanyLookup.Unavailable;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or ExecutionRejectedException
            or TaskCanceledException or JsonException or NotSupportedException)
        {
            logger.LogWarning(ex, "Profiles is unavailable; the company of recruiter {RecruiterId} is unknown", recruiterId);
            return CompanyLookup.Unavailable;
        }
    }
}
