using System.Security.Claims;

namespace TalentLink.Profiles.Apis;

/// <summary>
/// Moderation: admins hide what a user shows in Profiles (their candidate profile and their company
/// page). Hidden content is visible only to its owner and admins, and never found by search.
/// </summary>
public static class ModerationApi
{
    public static RouteGroupBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/profiles").WithTags("Moderation").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/{userId:guid}/hide", Hide).WithName("HideProfile").WithSummary("Hide a user's profile and company page");
        api.MapPost("/{userId:guid}/unhide", Unhide).WithName("UnhideProfile").WithSummary("Show a hidden user's profile and company page again");

        return api;
    }

    public static Task<Results<Ok<ModerationResponse>, ProblemHttpResult>> Hide(
        Guid userId, ClaimsPrincipal principal, IAuditTrail audit, [AsParameters] ProfilesServices services, CancellationToken cancellationToken) =>
        SetHiddenAsync(userId, hide: true, principal, audit, services, cancellationToken);

    public static Task<Results<Ok<ModerationResponse>, ProblemHttpResult>> Unhide(
        Guid userId, ClaimsPrincipal principal, IAuditTrail audit, [AsParameters] ProfilesServices services, CancellationToken cancellationToken) =>
        SetHiddenAsync(userId, hide: false, principal, audit, services, cancellationToken);

    private static async Task<Results<Ok<ModerationResponse>, ProblemHttpResult>> SetHiddenAsync(
        Guid userId, bool hide, ClaimsPrincipal principal, IAuditTrail audit, ProfilesServices services, CancellationToken cancellationToken)
    {
        var profile = await services.Context.CandidateProfiles.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var company = await services.Context.Companies.SingleOrDefaultAsync(c => c.RecruiterId == userId, cancellationToken);
        if (profile is null && company is null)
        {
            return ProfileProblems.NothingToModerate(userId);
        }

        var record = new AuditRecord(hide ? AuditActions.ProfileHidden : AuditActions.ProfileUnhidden, AuditTargets.Profile, userId.ToString(), userId);
        if (await audit.RecordThenApplyAsync(record, token =>
            {
                var now = services.Time.GetUtcNow();
                profile?.HiddenAt = AuditedToggle.Since(profile.HiddenAt, hide, now);
                company?.HiddenAt = AuditedToggle.Since(company.HiddenAt, hide, now);
                return services.Context.SaveChangesAsync(token);
            }, cancellationToken) is { } refused)
        {
            return refused;
        }


        services.Logger.LogInformation("Admin {AdminId} {Action} the profiles of user {UserId}", principal.GetUserId(), hide ? "hid" : "unhid", userId);
        return TypedResults.Ok(new ModerationResponse(userId, hide, profile is not null, company is not null));
    }
}
