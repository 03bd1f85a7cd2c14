using System.Security.Claims;

namespace TalentLink.Offers.Apis;

/// <summary>
/// Job offers: anyone searches and reads published offers; recruiters write, publish, close and
/// delete their own. A hidden offer is visible only to its owner and admins.
/// </summary>
public static class OffersApi
{
    public static RouteGroupBuilder MapOffersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/offers").WithTags("Offers").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/", Search).AllowAnonymous().ProducesValidationProblem().CacheOutput(PublicOfferCache.PolicyName).WithName("SearchOffers")
            .WithSummary("Search published offers: full text, filters, sort (newest or salary), paged");
        api.MapGet("/{id:guid}", GetOffer).AllowAnonymous().ProducesProblem(StatusCodes.Status404NotFound).CacheOutput(PublicOfferCache.PolicyName).WithName("GetOffer")
            .WithSummary("One offer; drafts and hidden offers only for their owner (and admins)");
        api.MapGet("/me", ListMine).RequireAuthorization(Policies.Recruiter)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem().WithName("ListMyOffers")
            .WithSummary("The calling recruiter's offers, every status, newest first");
        api.MapPost("/", CreateOffer).RequireAuthorization(Policies.Recruiter)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem().WithName("CreateOffer")
            .WithSummary("Create a draft offer");
        api.MapPut("/{id:guid}", UpdateOffer).RequireAuthorization(Policies.Recruiter)
            .ProducesOwnedOfferProblems().ProducesValidationProblem().WithName("UpdateOffer")
            .WithSummary("Edit one of your draft or published offers");
        api.MapPost("/{id:guid}/publish", PublishOffer).RequireAuthorization(Policies.Recruiter)
            .ProducesOwnedOfferProblems().WithName("PublishOffer")
            .WithSummary("Publish one of your draft offers");
        api.MapPost("/{id:guid}/close", CloseOffer).RequireAuthorization(Policies.Recruiter)
            .ProducesOwnedOfferProblems().WithName("CloseOffer")
            .WithSummary("Close one of your published offers: it leaves search, its applications stay");
        api.MapDelete("/{id:guid}", DeleteOffer).RequireAuthorization(Policies.Recruiter)
            .ProducesOwnedOfferProblems().WithName("DeleteOffer")
            .WithSummary("Delete one of your offers that has no applications (otherwise close it)");

        return api;
    }

    public static async Task<Results<Ok<PagedResult<OfferResponse>>, ValidationProblem>> Search(
        [AsParameters] OfferSearchRequest search, [AsParameters] PageRequest page, HttpContext http,
        [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        if ((page.Validate() ?? OfferSearch.Validate(search)) is { } errors)
        {
            return OfferProblems.Invalid(errors);
        }

        // Only published, visible offers: the same page for every caller.
        PublicOfferCache.MarkShared(http);
        return TypedResults.Ok(await OfferSearch.RunAsync(services.Context, search, page, cancellationToken));
    }

    public static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> GetOffer(
        Guid id, HttpContext http, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        var offer = await services.Context.Offers.AsNoTracking().Include(o => o.Skills).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (offer is null || !CanSee(http.User, offer))
        {
            return OfferProblems.OfferNotFound(id);
        }

        // A draft or hidden offer is shown only to its owner or an admin: never stored for others.
        if (CanSee(Anonymous, offer))
        {
            PublicOfferCache.MarkShared(http);
        }

        return TypedResults.Ok(OfferResponse.From(offer));
    }

    public static async Task<Results<Ok<PagedResult<OfferResponse>>, ValidationProblem>> ListMine(
        [AsParameters] PageRequest page, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        if (page.Validate() is { } errors)
        {
            return OfferProblems.Invalid(errors);
        }

        var recruiterId = user.GetUserId();
        var query = services.Context.Offers.AsNoTracking().Where(o => o.RecruiterId == recruiterId);
        var total = await query.LongCountAsync(cancellationToken);
        var offers = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip(page.Skip).Take(page.Size).Include(o => o.Skills).AsSplitQuery().ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<OfferResponse>(offers.Select(OfferResponse.From).ToList(), page.Number, page.Size, total));
    }

    public static async Task<Results<Created<OfferResponse>, ValidationProblem>> CreateOffer(
        OfferRequest request, HttpContext http, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        var (input, errors) = OfferInput.Validate(request);
        if (errors is not null)
        {
            return OfferProblems.Invalid(errors);
        }

        var now = services.Time.GetUtcNow();
        var offer = new Offer
        {
            Id = Guid.CreateVersion7(now),
            RecruiterId = http.User.GetUserId(),
            Title = input!.Title,
            Description = input.Description,
            Location = input.Location,
            LocationNormalized = input.Location.ToLowerInvariant(),
            Remote = input.Remote,
            ContractType = input.ContractType,
            Currency = input.Currency,
            CreatedAt = now,
            UpdatedAt = now,
        };
        input.ApplyTo(offer);
        await RefreshCompanyAsync(offer, http, services, cancellationToken);

        services.Context.Offers.Add(offer);
        await services.Context.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/offers/{offer.Id}", OfferResponse.From(offer));
    }

    public static async Task<Results<Ok<OfferResponse>, ValidationProblem, ProblemHttpResult>> UpdateOffer(
        Guid id, OfferRequest request, HttpContext http, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        var (input, errors) = OfferInput.Validate(request);
        if (errors is not null)
        {
            return OfferProblems.Invalid(errors);
        }

        var (offer, problem) = await FindOwnedAsync(id, http.User, services, cancellationToken);
        if (offer is null)
        {
            return problem!;
        }

        if (offer.Status == OfferStatuses.Closed)
        {
            return OfferProblems.ClosedToEdits();
        }

        input!.ApplyTo(offer);
        offer.UpdatedAt = services.Time.GetUtcNow();
        await RefreshCompanyAsync(offer, http, services, cancellationToken);
        await services.Context.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OfferResponse.From(offer));
    }

    public static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> PublishOffer(
        Guid id, HttpContext http, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        var (offer, problem) = await FindOwnedAsync(id, http.User, services, cancellationToken);
        if (offer is null)
        {
            return problem!;
        }

        if (offer.Status != OfferStatuses.Draft)
        {
            return OfferProblems.NotADraft(offer.Status);
        }

        offer.Publish(services.Time.GetUtcNow());
        await RefreshCompanyAsync(offer, http, services, cancellationToken);
        await services.Context.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OfferResponse.From(offer));
    }

    public static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> CloseOffer(
        Guid id, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        var (offer, problem) = await FindOwnedAsync(id, user, services, cancellationToken);
        if (offer is null)
        {
            return problem!;
        }

        if (offer.Status != OfferStatuses.Published)
        {
            return OfferProblems.NotPublished(offer.Status);
        }

        offer.Close(services.Time.GetUtcNow());
        await services.Context.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OfferResponse.From(offer));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteOffer(
        Guid id, ClaimsPrincipal user, [AsParameters] OffersServices services, CancellationToken cancellationToken)
    {
        var (offer, problem) = await FindOwnedAsync(id, user, services, cancellationToken);
        if (offer is null)
        {
            return problem!;
        }

        if (await services.Context.Applications.AnyAsync(a => a.OfferId == id, cancellationToken))
        {
            return OfferProblems.HasApplications();
        }

        services.Context.Offers.Remove(offer);
        await services.Context.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Published and closed offers are public unless hidden; owners and admins see everything.</summary>
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    internal static bool CanSee(ClaimsPrincipal user, Offer offer) =>
        (offer.Status != OfferStatuses.Draft && !offer.IsHidden)
        || user.IsInRole(Roles.Admin)
        || (user.Identity?.IsAuthenticated == true && offer.RecruiterId == user.GetUserId());

    /// <summary>The offer if the caller owns it; otherwise 404 when they cannot see it, 403 when they can.</summary>
    internal static async Task<(Offer? Offer, ProblemHttpResult? Problem)> FindOwnedAsync(
        Guid id, ClaimsPrincipal user, OffersServices services, CancellationToken cancellationToken)
    {
        var offer = await services.Context.Offers.Include(o => o.Skills).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (offer is null || !CanSee(user, offer))
        {
            return (null, OfferProblems.OfferNotFound(id));
        }

        return offer.RecruiterId == user.GetUserId()
            ? (offer, null)
            : (null, OfferProblems.NotYourOffer());
    }

    /// <summary>
    /// Copies the recruiter's company from Profiles onto the offer. When Profiles is unreachable the
    /// offer is still saved: it keeps the company it had (none for a new offer) and is flagged
    /// <see cref="Offer.CompanyUnavailable"/>, which the next edit or publish clears.
    /// </summary>
    private static async Task RefreshCompanyAsync(Offer offer, HttpContext http, OffersServices services, CancellationToken cancellationToken)
    {
        var lookup = await services.Profiles.GetRecruiterCompanyAsync(offer.RecruiterId, cancellationToken);
        switch (lookup.Outcome)
        {
            case CompanyLookupOutcome.Found:
                offer.CompanyId = lookup.Company!.Id;
                offer.CompanyName = lookup.Company.Name.Length > 200 ? lookup.Company.Name[..200] : lookup.Company.Name;
                offer.CompanyUnavailable = false;
                break;
            case CompanyLookupOutcome.NoCompany:
                offer.CompanyId = null;
                offer.CompanyName = null;
                offer.CompanyUnavailable = false;
                break;
            default:
                offer.CompanyUnavailable = true;
                break;
        }
    }
}
