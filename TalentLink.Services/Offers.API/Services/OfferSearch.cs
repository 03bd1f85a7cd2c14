using System.Text.RegularExpressions;

namespace TalentLink.Offers.Services;

/// <summary>
/// The public search (<c>GET /api/offers</c>), bound from the query string:
/// <c>?q=senior+dotnet&amp;location=paris&amp;remote=hybrid&amp;contract=permanent&amp;salaryMin=50000&amp;salaryMax=70000&amp;currency=EUR&amp;skills=c%23&amp;skills=sql&amp;sort=salary</c>.
/// </summary>
public sealed record OfferSearchRequest(
    string? Q,
    string? Location,
    string? Remote,
    string? Contract,
    int? SalaryMin,
    int? SalaryMax,
    string? Currency,
    string[]? Skills,
    string? Sort);

/// <summary>
/// Runs an offer search against either provider: full text through the context's own index
/// (<see cref="OffersContext.OffersMatching"/>), filters in LINQ, and an order ending in the offer id
/// so that paging is stable.
/// </summary>
public static partial class OfferSearch
{
    public const int MaxTerms = 8;
    public const int MaxSkills = 10;

    public static Dictionary<string, string[]>? Validate(OfferSearchRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Remote is not null && !RemotePolicies.All.Contains(request.Remote))
        {
            errors["remote"] = [$"remote must be one of: {string.Join(", ", RemotePolicies.All)}."];
        }

        if (request.Contract is not null && !ContractTypes.All.Contains(request.Contract))
        {
            errors["contract"] = [$"contract must be one of: {string.Join(", ", ContractTypes.All)}."];
        }

        if (request.SalaryMin is < 0 || request.SalaryMax is < 0)
        {
            errors["salary"] = ["Salary bounds cannot be negative."];
        }
        else if (request.SalaryMin > request.SalaryMax)
        {
            errors["salaryMax"] = ["salaryMax must be at least salaryMin."];
        }

        if (request.Sort is not null && !OfferSorts.All.Contains(request.Sort))
        {
            errors["sort"] = [$"sort must be one of: {string.Join(", ", OfferSorts.All)}."];
        }

        if (Terms(request.Q).Count > MaxTerms)
        {
            errors["q"] = [$"Search for at most {MaxTerms} words."];
        }

        if (SkillList(request.Skills).Count > MaxSkills)
        {
            errors["skills"] = [$"Filter on at most {MaxSkills} skills."];
        }

        return errors.Count == 0 ? null : errors;
    }

    /// <summary>Published, visible offers matching the request, in the requested order.</summary>
    public static IQueryable<Offer> Query(OffersContext context, OfferSearchRequest request)
    {
        var terms = Terms(request.Q);
        var offers = terms.Count > 0 ? context.OffersMatching(terms) : context.Offers;
        offers = offers.AsNoTracking().Where(o => o.Status == OfferStatuses.Published && o.HiddenAt == null);

        if (!string.IsNullOrWhiteSpace(request.Location))
        {
            var location = request.Location.Trim().ToLowerInvariant();
            offers = offers.Where(o => o.LocationNormalized.Contains(location));
        }

        if (request.Remote is not null)
        {
            offers = offers.Where(o => o.Remote == request.Remote);
        }

        if (request.Contract is not null)
        {
            offers = offers.Where(o => o.ContractType == request.Contract);
        }

        // Salary overlap: the offer's range meets the wanted range.
        if (request.SalaryMin is { } wantedMin)
        {
            offers = offers.Where(o => o.SalaryMax >= wantedMin);
        }

        if (request.SalaryMax is { } wantedMax)
        {
            offers = offers.Where(o => o.SalaryMin <= wantedMax);
        }

        if (!string.IsNullOrWhiteSpace(request.Currency))
        {
            var currency = request.Currency.Trim().ToUpperInvariant();
            offers = offers.Where(o => o.Currency == currency);
        }

        // Each skill as "Id IN (offers with that skill)", driven by the skill index.
        foreach (var skill in SkillList(request.Skills))
        {
            var withSkill = context.OfferSkills.Where(s => s.Name == skill).Select(s => s.OfferId);
            offers = offers.Where(o => withSkill.Contains(o.Id));
        }

        return request.Sort == OfferSorts.Salary
            ? offers.OrderByDescending(o => o.SalaryMax).ThenByDescending(o => o.PublishedAt).ThenByDescending(o => o.Id)
            : offers.OrderByDescending(o => o.PublishedAt).ThenByDescending(o => o.Id);
    }

    public static async Task<PagedResult<OfferResponse>> RunAsync(
        OffersContext context, OfferSearchRequest request, PageRequest page, CancellationToken cancellationToken)
    {
        var query = Query(context, request);
        var total = await query.LongCountAsync(cancellationToken);
        var offers = await query.Skip(page.Skip).Take(page.Size).Include(o => o.Skills).AsSplitQuery().ToListAsync(cancellationToken);
        return new PagedResult<OfferResponse>(offers.Select(OfferResponse.From).ToList(), page.Number, page.Size, total);
    }

    /// <summary>The words of a free-text query: runs of letters and digits, lower-cased, de-duplicated.</summary>
    public static IReadOnlyList<string> Terms(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();

    /// <summary>Skills from repeated <c>skills=</c> values, each possibly comma-separated.</summary>
    private static List<string> SkillList(string[]? skills) =>
        (skills ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(OfferInput.NormaliseSkill).Distinct().ToList();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
