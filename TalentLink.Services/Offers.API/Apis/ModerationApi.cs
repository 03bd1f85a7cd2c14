using System.Security.Claims;

namespace TalentLink.Offers.Apis;

/// <summary>Moderation: admins hide an offer from everyone but its owner, and unhide it.</summary>
public static class ModerationApi
{
    public static RouteGroupBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/offers").WithTags("Moderation").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/{id:guid}/hide", Hide).WithName("HideOffer").WithSummary("Hide an offer from search and detail (owner and admins still see it)");
        api.MapPost("/{id:guid}/unhide", Unhide).WithName("UnhideOffer").WithSummary("Make a hidden offer visible again");

        return api;
    }

    public static Task<Results<Ok<OfferResponse>, ProblemHttpResult>> Hide(
        Guid id, ClaimsPrincipal user, IAuditTrail audit, [AsParameters] OffersServices services, CancellationToken cancellationToken) =>
        SetHiddenAsync(id, hide: true, user, audit, services, cancellationToken);

    public static Task<Results<Ok<OfferResponse>, ProblemHttpResult>> Unhide(
        Guid id, ClaimsPrincipal user, IAuditTrail audit, [AsParameters] OffersServices services, CancellationToken cancellationToken) =>
        SetHiddenAsync(id, hide: false, user, audit, services, cancellationToken);

    private static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> SetHiddenAsync(
        Guid id, bool hide, ClaimsPrincipal user, IAuditTrail audit, OffersServices services, CancellationToken cancellationToken)
    {
        var offer = await services.Context.Offers.Include(o => o.Skills).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (offer is null)
        {
            return OfferProblems.OfferNotFound(id);
        }

        var record = new AuditRecord(hide ? AuditActions.OfferHidden : AuditActions.OfferUnhidden, AuditTargets.Offer, id.ToString(), offer.RecruiterId);
        if (await audit.RecordThenApplyAsync(record, token =>
            {
                offer.HiddenAt = AuditedToggle.Since(offer.HiddenAt, hide, services.Time.GetUtcNow());
                return services.Context.SaveChangesAsync(token);
            }, cancellationToken) is { } refused)
        {
            return refused;
        }

        services.Logger.LogInformation("Admin {AdminId} {Action} offer {OfferId}", user.GetUserId(), hide ? "hid" : "unhid", id);
        return TypedResults.Ok(OfferResponse.From(offer));
    }
}
