using System.Security.Claims;

namespace TalentLink.Reports.Apis;

/// <summary>Any signed-in user reports an offer, a profile, a message or a user, and follows their own reports.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/reports").WithTags("Reports").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem();

        api.MapPost("/", CreateReport).ProducesProblem(StatusCodes.Status409Conflict).WithName("CreateReport").WithSummary("Report an offer, a profile, a message or a user");
        api.MapGet("/me", ListMyReports).WithName("ListMyReports").WithSummary("My reports and their status, newest first, paged");

        return api;
    }

    public static async Task<Results<Created<MyReportResponse>, ValidationProblem, ProblemHttpResult>> CreateReport(
        CreateReportRequest request, ClaimsPrincipal user, [AsParameters] ReportServices services, CancellationToken cancellationToken)
    {
        var reporterId = user.GetUserId();
        var errors = new Dictionary<string, string[]>();
        if (!WireEnum.TryParse<ReportTargetType>(request.TargetType, out var targetType))
        {
            errors["targetType"] = [$"targetType is one of: {WireEnum.List<ReportTargetType>()}."];
        }

        if (request.TargetId is not { } targetId || targetId == Guid.Empty)
        {
            errors["targetId"] = ["The id of the reported thing is required."];
            targetId = Guid.Empty;
        }

        if (!WireEnum.TryParse<ReportCategory>(request.Category, out var category))
        {
            errors["category"] = [$"category is one of: {WireEnum.List<ReportCategory>()}."];
        }

        var description = request.Description?.Trim();
        if (string.IsNullOrEmpty(description) || description.Length > ReportLimits.DescriptionMaxLength)
        {
            errors["description"] = [$"Describe the problem in 1 to {ReportLimits.DescriptionMaxLength} characters."];
        }

        if (errors.Count == 0 && targetType is ReportTargetType.User or ReportTargetType.Profile && targetId == reporterId)
        {
            errors["targetId"] = ["You cannot report yourself."];
        }

        if (errors.Count > 0)
        {
            return ReportProblems.Invalid(errors, "The report is invalid.");
        }

        var now = services.Time.GetUtcNow();
        var report = new Report
        {
            ReporterId = reporterId,
            TargetType = targetType,
            TargetId = targetId,
            Category = category,
            Description = description!,
            Status = ReportStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
        services.Context.Reports.Add(report);
        try
        {
            await services.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return ReportProblems.Conflict("Already reported",
                "You already have an open report about this; its status is in your reports. You can report it again once that one is closed.");
        }

        services.Logger.LogInformation("User {ReporterId} reported {TargetType} {TargetId} for {Category}", reporterId, targetType, targetId, category);
        return TypedResults.Created("/api/reports/me", MyReportResponse.From(report));
    }

    public static async Task<Results<Ok<PagedResult<MyReportResponse>>, ValidationProblem>> ListMyReports(
        [AsParameters] PageRequest page, ClaimsPrincipal user, [AsParameters] ReportServices services, CancellationToken cancellationToken)
    {
        if (page.Validate() is { } errors)
        {
            return ReportProblems.Invalid(errors);
        }

        var reporterId = user.GetUserId();
        var query = services.Context.Reports.AsNoTracking().Where(r => r.ReporterId == reporterId);
        var total = await query.LongCountAsync(cancellationToken);
        var reports = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip(page.Skip).Take(page.Size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<MyReportResponse>(reports.Select(MyReportResponse.From).ToList(), page.Number, page.Size, total));
    }
}
