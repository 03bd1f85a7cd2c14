namespace TalentLink.Reports.Services;

/// <summary>
/// Figures owned by other services. Each call throws <see cref="DependencyUnavailableException"/>
/// when its service cannot answer; the caller reports that section as unavailable.
/// </summary>
public interface IPlatformStatistics
{
    /// <summary>Auth: <c>GET /api/auth/users/statistics</c> → <c>usersByRole</c>.</summary>
    Task<IReadOnlyDictionary<string, int>> GetUsersByRoleAsync(CancellationToken cancellationToken);

    /// <summary>Offers: <c>GET /api/offers/statistics?from=&amp;to=</c>.</summary>
    Task<OfferStatistics> GetOfferStatisticsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

public sealed record OfferStatistics(IReadOnlyDictionary<string, int> OffersByStatus, IReadOnlyDictionary<string, int> ApplicationsByStatus);

public sealed record UserStatistics(IReadOnlyDictionary<string, int> UsersByRole);
