using System.Globalization;

namespace TalentLink.Reports.Services;

/// <summary><see cref="IPlatformStatistics"/> over HTTP, with the admin's token.</summary>
public sealed class HttpPlatformStatistics(IHttpClientFactory clients) : IPlatformStatistics
{
    public async Task<IReadOnlyDictionary<string, int>> GetUsersByRoleAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/users/statistics");
        using var response = await clients.CreateClient(ServiceClients.Auth).SendToDependencyAsync(request, ServiceClients.Auth, cancellationToken);
        var statistics = await response.ReadDependencyJsonAsync<UserStatistics>(ServiceClients.Auth, WireEnum.JsonOptions, cancellationToken);
        return statistics.UsersByRole ?? throw new DependencyUnavailableException(ServiceClients.Auth, "answered without usersByRole");
    }

    public async Task<OfferStatistics> GetOfferStatisticsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var query = $"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/offers/statistics?{query}");
        using var response = await clients.CreateClient(ServiceClients.Offers).SendToDependencyAsync(request, ServiceClients.Offers, cancellationToken);
        var statistics = await response.ReadDependencyJsonAsync<OfferStatistics>(ServiceClients.Offers, WireEnum.JsonOptions, cancellationToken);
        return statistics.OffersByStatus is null || statistics.ApplicationsByStatus is null
            ? throw new DependencyUnavailableException(ServiceClients.Offers, "answered without offersByStatus or applicationsByStatus")
            : statistics;
    }
}
