using System.Security.Claims;

namespace TalentLink.Audit.Apis;

/// <summary>
/// Reading the trail: admins query every entry with filters; any signed-in user sees who
/// downloaded their own CVs and cover letters.
/// </summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/audit").WithTags("Audit").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem();

        api.MapGet("/entries", ListEntries).RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status403Forbidden).WithName("ListAuditEntries")
            .WithSummary("The audit trail, newest first, filtered by actor, action, subject, target and time, paged");
        api.MapGet("/me/file-downloads", ListMyFileDownloads).WithName("ListMyFileDownloads")
            .WithSummary("Who downloaded the caller's CVs and cover letters, and when, newest first");

        return api;
    }

    public static async Task<Results<Ok<PagedResult<AuditEntryResponse>>, ValidationProblem>> ListEntries(
        [AsParameters] AuditQuery filters, [AsParameters] PageRequest page,
        [AsParameters] AuditServices services, CancellationToken cancellationToken)
    {
        if (page.Validate() is { } pageErrors)
        {
            return AuditProblems.Invalid(pageErrors);
        }

        var (query, errors) = filters.Apply(services.Context.Entries.AsNoTracking());
        if (errors is not null)
        {
            return AuditProblems.Invalid(errors);
        }

        return TypedResults.Ok(await PageAsync(query!, page, AuditEntryResponse.From, cancellationToken));
    }

    public static async Task<Results<Ok<PagedResult<FileDownloadResponse>>, ValidationProblem>> ListMyFileDownloads(
        [AsParameters] PageRequest page, ClaimsPrincipal user, [AsParameters] AuditServices services, CancellationToken cancellationToken)
    {
        if (page.Validate() is { } errors)
        {
            return AuditProblems.Invalid(errors);
        }

        var userId = user.GetUserId();
        var query = services.Context.Entries.AsNoTracking()
            .Where(e => e.SubjectUserId == userId && e.Action == AuditActions.ApplicationFileDownloaded);
        return TypedResults.Ok(await PageAsync(query, page, FileDownloadResponse.From, cancellationToken));
    }

    private static async Task<PagedResult<T>> PageAsync<T>(
        IQueryable<AuditEntry> query, PageRequest page, Func<AuditEntry, T> map, CancellationToken cancellationToken)
    {
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(page.Skip).Take(page.Size).ToListAsync(cancellationToken);
        return new PagedResult<T>(items.Select(map).ToList(), page.Number, page.Size, total);
    }
}
