namespace TalentLink.Offers.Apis;

/// <summary>Counts for the admin dashboard (read by Reports' platform statistics).</summary>
public static class StatisticsApi
{
    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/offers").WithTags("Statistics").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        api.MapGet("/statistics", GetStatistics).WithName("GetOfferStatistics")
            .WithSummary("Offers created and applications submitted in [from, to), by status");
        return api;
    }

    public static async Task<Results<Ok<OfferStatisticsResponse>, ValidationProblem>> GetStatistics(
        DateTimeOffset? from, DateTimeOffset? to, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        if (from >= to)
        {
            return OfferProblems.Invalid("to", "'to' must be after 'from'.");
        }

        var offerQuery = services.Context.Offers.AsNoTracking();
        if (from is { } offersFrom) offerQuery = offerQuery.Where(o => o.CreatedAt >= offersFrom);
        if (to is { } offersTo) offerQuery = offerQuery.Where(o => o.CreatedAt < offersTo);
        var applicationQuery = services.Context.Applications.AsNoTracking();
        if (from is { } applicationsFrom) applicationQuery = applicationQuery.Where(a => a.SubmittedAt >= applicationsFrom);
        if (to is { } applicationsTo) applicationQuery = applicationQuery.Where(a => a.SubmittedAt < applicationsTo);

        var offers = await offerQuery
            .GroupBy(o => o.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var applications = await applicationQuery
            .GroupBy(a => a.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);

        return TypedResults.Ok(new OfferStatisticsResponse(
            OfferStatuses.All.ToDictionary(s => s, s => offers.GetValueOrDefault(s)),
            ApplicationStatuses.All.ToDictionary(s => s, s => applications.GetValueOrDefault(s))));
    }
}
