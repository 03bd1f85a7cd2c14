using System.Security.Claims;

namespace TalentLink.Profiles.Apis;

/// <summary>Company pages: a recruiter creates and edits theirs; anyone reads them; other services read a recruiter's.</summary>
public static class CompaniesApi
{
    public static RouteGroupBuilder MapCompaniesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/profiles").WithTags("Companies");

        api.MapPost("/companies", CreateCompany)
            .RequireAuthorization(Policies.Recruiter)
            .ProducesSignedInProblems().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateCompany")
            .WithSummary("Create the signed-in recruiter's company page (one per recruiter)");
        api.MapPut("/companies/{id:guid}", UpdateCompany)
            .RequireAuthorization(Policies.Recruiter)
            .ProducesSignedInProblems().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("UpdateCompany")
            .WithSummary("Replace a company page; only its recruiter may");
        api.MapGet("/companies/{id:guid}", GetCompany)
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCompany")
            .WithSummary("A company page");
        api.MapGet("/recruiters/{userId:guid}/company", GetRecruiterCompany)
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetRecruiterCompany")
            .WithSummary("The company a recruiter belongs to, as offers show it");

        return api;
    }

    public static async Task<Results<Created<CompanyResponse>, ValidationProblem, ProblemHttpResult>> CreateCompany(
        CompanyRequest request, ClaimsPrincipal principal, [AsParameters] ProfilesServices services, CancellationToken cancellationToken)
    {
        var errors = CompanyValidator.Validate(request, out var content);
        if (!errors.IsEmpty)
        {
            return ProfileProblems.Invalid(errors.ToDictionary(), "The company is invalid.");
        }

        var recruiterId = principal.GetUserId();
        if (await services.Context.Companies.AnyAsync(c => c.RecruiterId == recruiterId, cancellationToken))
        {
            return ProfileProblems.AlreadyHasCompany();
        }

        var now = services.Time.GetUtcNow();
        var company = new Company { RecruiterId = recruiterId, Name = content.Name, CreatedAt = now };
        content.ApplyTo(company, now);
        services.Context.Companies.Add(company);
        try
        {
            await services.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with a concurrent creation by the same recruiter: the unique index decided.
            return ProfileProblems.AlreadyHasCompany();
        }

        services.Logger.LogInformation("Recruiter {RecruiterId} created company {CompanyId}", recruiterId, company.Id);
        return TypedResults.Created($"/api/profiles/companies/{company.Id}", CompanyResponse.From(company));
    }

    public static async Task<Results<Ok<CompanyResponse>, ValidationProblem, ProblemHttpResult>> UpdateCompany(
        Guid id, CompanyRequest request, ClaimsPrincipal principal, [AsParameters] ProfilesServices services, CancellationToken cancellationToken)
    {
        var company = await services.Context.Companies.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (company is null || !principal.CanRead(company))
        {
            return ProfileProblems.CompanyNotFound(id);
        }

        if (!principal.IsOwner(company.RecruiterId))
        {
            return ProfileProblems.NotYourCompany();
        }

        var errors = CompanyValidator.Validate(request, out var content);
        if (!errors.IsEmpty)
        {
            return ProfileProblems.Invalid(errors.ToDictionary(), "The company is invalid.");
        }

        content.ApplyTo(company, services.Time.GetUtcNow());
        await services.Context.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CompanyResponse.From(company));
    }

    public static async Task<Results<Ok<CompanyResponse>, ProblemHttpResult>> GetCompany(
        Guid id, ClaimsPrincipal principal, [AsParameters] ProfilesServices services, CancellationToken cancellationToken)
    {
        var company = await services.Context.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return company is not null && principal.CanRead(company) ? TypedResults.Ok(CompanyResponse.From(company)) : ProfileProblems.CompanyNotFound(id);
    }

    public static async Task<Results<Ok<CompanySummaryResponse>, ProblemHttpResult>> GetRecruiterCompany(
        Guid userId, ClaimsPrincipal principal, [AsParameters] ProfilesServices services, CancellationToken cancellationToken)
    {
        var company = await services.Context.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.RecruiterId == userId, cancellationToken);
        return company is not null && principal.CanRead(company)
            ? TypedResults.Ok(CompanySummaryResponse.From(company))
            : ProfileProblems.RecruiterCompanyNotFound(userId);
    }
}
