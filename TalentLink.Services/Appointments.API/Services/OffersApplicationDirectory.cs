using System.Net;

namespace TalentLink.Appointments.Services;

/// <summary>
/// <see cref="IApplicationDirectory"/> over HTTP: <c>GET /api/offers/applications/{id}</c> on the Offers
/// service, with the caller's bearer token (statuses are kebab-case, as Offers writes them: "in-review"; Offers answers 200 only to the candidate, the recruiter who
/// owns the offer, or an admin; 404 otherwise).
/// </summary>
public sealed class OffersApplicationDirectory(HttpClient client) : IApplicationDirectory
{
    public const string ServiceName = ResourceNames.Offers;
    public static readonly Uri BaseAddress = new(ServiceAddresses.Of(ServiceName));


    public async Task<JobApplication?> FindAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/offers/applications/{applicationId}");
        using var response = await client.SendToDependencyAsync(request, ServiceName, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }

        return await response.ReadDependencyJsonAsync<JobApplication>(ServiceName, WireEnum.JsonOptions, cancellationToken);
    }
}
