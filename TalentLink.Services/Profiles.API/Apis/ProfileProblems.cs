namespace TalentLink.Profiles.Apis;

/// <summary>The precise ProblemDetails the Profiles endpoints answer with.</summary>
internal static class ProfileProblems
{
    public static ProblemHttpResult NoProfileYet() => Problems.NotFound("Profile not found", "You have no profile yet; PUT /api/profiles/me creates it.");

    /// <summary>A profile the caller may not see is reported exactly like a missing one: its existence is private too.</summary>
    public static ProblemHttpResult ProfileNotVisible(string detail) => Problems.NotFound("Profile not found", detail);

    public static ProblemHttpResult ConcurrentUpdate() => Problems.Conflict("Concurrent update",
        "Your profile was saved by another request at the same time; reload it and try again.");

    public static ProblemHttpResult CompanyNotFound(Guid id) => Problems.NotFound("Company not found", $"No company page has id {id}.");

    public static ProblemHttpResult RecruiterCompanyNotFound(Guid userId) =>
        Problems.NotFound("Company not found", $"Recruiter {userId} has no company page visible to you.");

    public static ProblemHttpResult AlreadyHasCompany() => Problems.Conflict("Company already exists",
        "You already have a company page; a recruiter belongs to one company. Edit it with PUT /api/profiles/companies/{id}.");

    public static ProblemHttpResult NotYourCompany() => Problems.Forbidden("Not your company", "Only the recruiter who owns this company page may edit it.");

    public static ProblemHttpResult NothingToModerate(Guid userId) =>
        Problems.NotFound("Nothing to moderate", $"User {userId} has neither a candidate profile nor a company page.");

    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string[]>> errors, string title) =>
        Problems.Invalid(errors, title);



    /// <summary>A role-restricted endpoint: 401 without a token, 403 for another role.</summary>
    public static RouteHandlerBuilder ProducesSignedInProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
}
