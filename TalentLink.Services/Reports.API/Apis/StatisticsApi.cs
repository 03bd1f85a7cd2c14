namespace TalentLink.Reports.Apis;

/// <summary>
/// Admin statistics for a date range: users by role (Auth), offers and applications by status
/// (Offers), reports by status (here). A service that cannot answer is named in <c>unavailable</c>
/// and its section is null; the response is still 200.
/// </summary>
public static class StatisticsApi
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/reports").WithTags("Moderation").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        api.MapGet("/statistics", GetStatistics).WithName("GetPlatformStatistics")
            .WithSummary("Users by role, offers and applications by status, reports by status, for a date range (default: the last 30 days)");
        return api;
    }

    public static async Task<Results<Ok<StatisticsResponse>, ValidationProblem>> GetStatistics(
        DateTimeOffset? from, DateTimeOffset? to, [AsParameters] ReportServices services, CancellationToken cancellationToken)
    {
        var end = (to ?? services.Time.GetUtcNow()).ToUniversalTime();
        var start = (from ?? end - DefaultRange).ToUniversalTime();
        if (start >= end)
        {
            return ReportProblems.Invalid("from", "from must be before to.");
        }

        var unavailable = new List<string>();
        var users = await TryAsync(() => services.Statistics.GetUsersByRoleAsync(cancellationToken), unavailable, services);
        var offers = await TryAsync(() => services.Statistics.GetOfferStatisticsAsync(start, end, cancellationToken), unavailable, services);

        var counts = await services.Context.Reports.AsNoTracking()
            .Where(r => r.CreatedAt >= start && r.CreatedAt < end)
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var reportsByStatus = Enum.GetValues<ReportStatus>().ToDictionary(
            WireEnum.Name, s => counts.SingleOrDefault(c => c.Status == s)?.Count ?? 0);

        return TypedResults.Ok(new StatisticsResponse(
            start, end, users, offers?.OffersByStatus, offers?.ApplicationsByStatus, reportsByStatus, unavailable));
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> call, List<string> unavailable, ReportServices services) where T : class
    {
        try
        {
            return await call();
        }
        catch (DependencyUnavailableException ex)
        {
            services.Logger.LogWarning(ex, "Statistics without {Service}", ex.Service);
            unavailable.Add(ex.Service);
            return null;
        }
    }
}
