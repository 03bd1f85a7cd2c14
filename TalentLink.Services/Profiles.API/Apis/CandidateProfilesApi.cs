using System.Security.Claims;

namespace TalentLink.Profiles.Apis;

/// <summary>Candidate profiles: the candidate's own, one profile as its visibility allows, and recruiter search.</summary>
public static class CandidateProfilesApi
{
    public static RouteGroupBuilder MapCandidateProfilesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/profiles").WithTags("Candidate profiles");

        api.MapGet("/me", GetMyProfile)
            .RequireAuthorization(Policies.Candidate)
            .ProducesSignedInProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetMyProfile")
            .WithSummary("The signed-in candidate's profile");
        api.MapPut("/me", UpsertMyProfile)
            .RequireAuthorization(Policies.Candidate)
            .ProducesSignedInProblems().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpsertMyProfile")
            .WithSummary("Create or replace the signed-in candidate's profile");
        api.MapGet("/candidates/{userId:guid}", GetCandidateProfile)
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCandidateProfile")
            .WithSummary("A candidate's profile, if its visibility, or an application to the calling recruiter's offers, lets the caller see it");
        api.MapGet("/candidates", SearchCandidates)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Recruiter, Roles.Admin))
            .ProducesSignedInProblems().ProducesValidationProblem()
            .WithName("SearchCandidates")
            .WithSummary("Recruiters search visible candidates by skills (all must match), location and availability, paged");

        return api;
    }

    public static async Task<Results<Ok<CandidateProfileResponse>, ProblemHttpResult>> GetMyProfile(
        ClaimsPrincipal principal, [AsParameters] ProfilesServices services, CancellationToken cancellationToken)
    {
        var profile = await LoadAsync(services.Context.CandidateProfiles.AsNoTracking(), principal.GetUserId(), cancellationToken);
        return profile is null
            ? ProfileProblems.NoProfileYet()
            : TypedResults.Ok(CandidateProfileResponse.From(profile));
    }

    public static async Task<Results<Created<CandidateProfileResponse>, Ok<CandidateProfileResponse>, ValidationProblem, ProblemHttpResult>> UpsertMyProfile(
        UpsertCandidateProfileRequest request, ClaimsPrincipal principal, [AsParameters] ProfilesServices services, CancellationToken cancellationToken)
    {
        var errors = CandidateProfileValidator.Validate(request, out var content);
        if (!errors.IsEmpty)
        {
            return ProfileProblems.Invalid(errors.ToDictionary(), "The profile is invalid.");
        }

        var userId = principal.GetUserId();
        var now = services.Time.GetUtcNow();
        var profile = await LoadAsync(services.Context.CandidateProfiles, userId, cancellationToken);
        var created = profile is null;
        if (profile is null)
        {
            profile = new CandidateProfile { UserId = userId, Headline = content.Headline, Visibility = ValidCandidateProfile.DefaultVisibility, CreatedAt = now };
            services.Context.CandidateProfiles.Add(profile);
        }

        content.ApplyTo(profile, now);
        try
        {
            await services.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two saves of the same profile raced (the first creation, or the same skill added twice): one won.
            return ProfileProblems.ConcurrentUpdate();
        }

        var response = CandidateProfileResponse.From(profile);
        if (created)
        {
            services.Logger.LogInformation("Candidate {UserId} created their profile", userId);
            return TypedResults.Created($"/api/profiles/candidates/{userId}", response);
        }

        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<CandidateProfileResponse>, ProblemHttpResult>> GetCandidateProfile(
        Guid userId, ClaimsPrincipal principal, [AsParameters] ProfilesServices services, CancellationToken cancellationToken)
    {
        var profile = await LoadAsync(services.Context.CandidateProfiles.AsNoTracking(), userId, cancellationToken);
        if (profile is not null && principal.CanRead(profile))
        {
            return TypedResults.Ok(CandidateProfileResponse.From(profile));
        }

        var detail = $"No profile of candidate {userId} is visible to you.";
        if (profile is not null && principal.MaySeeAsApplicant(profile))
        {
            switch (await services.Offers.HasAppliedAsync(userId, cancellationToken))
            {
                case true:
                    return TypedResults.Ok(CandidateProfileResponse.From(profile));
                case null:
                    detail += " Whether this candidate applied to one of your offers could not be checked right now; try again later.";
                    break;
            }
        }

        // A profile the caller may not see is reported exactly like a missing one: its existence is private too.
        return ProfileProblems.ProfileNotVisible(detail);
    }

    public static async Task<Results<Ok<PagedResult<CandidateSummaryResponse>>, ValidationProblem>> SearchCandidates(
        [AsParameters] CandidateSearchRequest search, [AsParameters] PageRequest page,
        [AsParameters] ProfilesServices services, CancellationToken cancellationToken)
    {
        var errors = CandidateSearch.Validate(search, page, out var criteria);
        if (!errors.IsEmpty)
        {
            return ProfileProblems.Invalid(errors.ToDictionary(), "The search is invalid.");
        }

        var today = DateOnly.FromDateTime(services.Time.GetUtcNow().UtcDateTime);
        var query = criteria.Apply(services.Context.CandidateProfiles.AsNoTracking().Searchable(), today);

        var total = await query.LongCountAsync(cancellationToken);
        var profiles = await query
            .OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.UserId)
            .Skip(page.Skip).Take(page.Size)
            .Include(p => p.Skills)
            .ToListAsync(cancellationToken);

        return TypedResults.Ok(new PagedResult<CandidateSummaryResponse>(
            profiles.Select(CandidateSummaryResponse.From).ToList(), page.Number, page.Size, total));
    }

    private static Task<CandidateProfile?> LoadAsync(IQueryable<CandidateProfile> profiles, Guid userId, CancellationToken cancellationToken) =>
        profiles
            .Include(p => p.Skills)
            .Include(p => p.Experience)
            .Include(p => p.Education)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
}
