using System.Security.Claims;

namespace TalentLink.Reports.Apis;

/// <summary>
/// The admins' queue: filter, assign, resolve with a decision (applied in the owning service first,
/// so a failure there leaves the report untouched) or dismiss.
/// </summary>
public static class ModerationApi
{
    public static RouteGroupBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/reports").WithTags("Moderation").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/queue", GetQueue).ProducesValidationProblem().WithName("GetReportQueue")
            .WithSummary("Reports to work, most-reported targets first; filter by status, category and target type");
        api.MapGet("/{id:guid}", GetReport).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetReport").WithSummary("One report");
        api.MapPost("/{id:guid}/assign", Assign).ProducesReportChangeProblems().WithName("AssignReport").WithSummary("Take a report: it is in review, assigned to me");
        api.MapPost("/{id:guid}/resolve", Resolve).ProducesReportChangeProblems().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable).WithName("ResolveReport")
            .WithSummary("Decide (hide-offer, hide-profile, suspend-user or no-action) with a note; closes every open report on the same target");
        api.MapPost("/{id:guid}/dismiss", Dismiss).ProducesReportChangeProblems().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable).WithName("DismissReport").WithSummary("Close a report without action, with a note");

        return api;
    }

    public static async Task<Results<Ok<PagedResult<QueuedReportResponse>>, ValidationProblem>> GetQueue(
        [AsParameters] PageRequest page, string? status, string? category, string? targetType,
        [AsParameters] ReportServices services, CancellationToken cancellationToken)
    {
        var errors = page.Validate() ?? [];
        ReportStatus? statusFilter = null;
        if (status is not null)
        {
            if (WireEnum.TryParse<ReportStatus>(status, out var parsed)) statusFilter = parsed;
            else errors["status"] = [$"status is one of: {WireEnum.List<ReportStatus>()}."];
        }

        ReportCategory? categoryFilter = null;
        if (category is not null)
        {
            if (WireEnum.TryParse<ReportCategory>(category, out var parsed)) categoryFilter = parsed;
            else errors["category"] = [$"category is one of: {WireEnum.List<ReportCategory>()}."];
        }

        ReportTargetType? targetFilter = null;
        if (targetType is not null)
        {
            if (WireEnum.TryParse<ReportTargetType>(targetType, out var parsed)) targetFilter = parsed;
            else errors["targetType"] = [$"targetType is one of: {WireEnum.List<ReportTargetType>()}."];
        }

        if (errors.Count > 0)
        {
            return ReportProblems.Invalid(errors);
        }

        var reports = services.Context.Reports.AsNoTracking();
        var query = statusFilter is { } s
            ? reports.Where(r => r.Status == s)
            : reports.Where(r => r.Status == ReportStatus.Open || r.Status == ReportStatus.InReview);
        if (categoryFilter is { } c) query = query.Where(r => r.Category == c);
        if (targetFilter is { } t) query = query.Where(r => r.TargetType == t);

        // Distinct users with an open report on the same target (the unique index allows one each).
        var ranked = query.Select(r => new
        {
            Report = r,
            Reporters = reports.Count(o => o.TargetType == r.TargetType && o.TargetId == r.TargetId
                && (o.Status == ReportStatus.Open || o.Status == ReportStatus.InReview)),
        });

        var total = await query.LongCountAsync(cancellationToken);
        var items = await ranked.OrderByDescending(x => x.Reporters).ThenBy(x => x.Report.CreatedAt).ThenBy(x => x.Report.Id)
            .Skip(page.Skip).Take(page.Size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<QueuedReportResponse>(
            items.Select(x => QueuedReportResponse.From(x.Report, x.Reporters)).ToList(), page.Number, page.Size, total));
    }

    public static async Task<Results<Ok<QueuedReportResponse>, ProblemHttpResult>> GetReport(
        Guid id, [AsParameters] ReportServices services, CancellationToken cancellationToken)
    {
        var report = await services.Context.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return ReportProblems.NotFound(id);
        }

        return TypedResults.Ok(QueuedReportResponse.From(report, await ActiveReportersAsync(services, report, cancellationToken)));
    }

    public static async Task<Results<Ok<QueuedReportResponse>, ProblemHttpResult>> Assign(
        Guid id, ClaimsPrincipal user, [AsParameters] ReportServices services, CancellationToken cancellationToken)
    {
        var report = await services.Context.Reports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return ReportProblems.NotFound(id);
        }

        if (!report.IsActive)
        {
            return ReportProblems.Closed(report);
        }

        report.AssignedToId = user.GetUserId();
        report.Status = ReportStatus.InReview;
        report.UpdatedAt = services.Time.GetUtcNow();
        report.Version++;
        if (await SaveAsync(services, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(QueuedReportResponse.From(report, await ActiveReportersAsync(services, report, cancellationToken)));
    }

    public static async Task<Results<Ok<QueuedReportResponse>, ValidationProblem, ProblemHttpResult>> Resolve(
        Guid id, ResolveReportRequest request, ClaimsPrincipal user, IAuditTrail audit, [AsParameters] ReportServices services, CancellationToken cancellationToken)
    {
        var note = request.Note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > ReportLimits.NoteMaxLength)
        {
            return ReportProblems.Invalid("note", $"Explain the decision in 1 to {ReportLimits.NoteMaxLength} characters.");
        }

        if (!WireEnum.TryParse<ModerationDecision>(request.Decision, out var decision))
        {
            return ReportProblems.Invalid("decision", $"decision is one of: {WireEnum.List<ModerationDecision>()}.");
        }

        var report = await services.Context.Reports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return ReportProblems.NotFound(id);
        }

        if (!report.IsActive)
        {
            return ReportProblems.Closed(report);
        }

        var allowed = ModerationDecisions.For(report.TargetType);
        if (!allowed.Contains(decision))
        {
            return ReportProblems.Invalid("decision",
                $"A report about a {WireEnum.Name(report.TargetType)} is resolved with one of: {string.Join(", ", allowed.Select(WireEnum.Name))}.");
        }

        // On the trail before anything happens: when Audit is down the decision is refused (503).
        if (await audit.RecordOrRefuseAsync(DecisionRecord(report, WireEnum.Name(decision)), cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await ApplyInOwningServiceAsync(report, decision, services, cancellationToken) is { } notApplied)
        {
            return notApplied;
        }

        var adminId = user.GetUserId();
        var related = await CloseRelatedAsync(report, decision, note, adminId, services, cancellationToken);
        if (await SaveAsync(services, cancellationToken) is { } problem)
        {
            return problem;
        }

        services.Logger.LogInformation("Admin {AdminId} resolved {Count} reports on {TargetType} {TargetId} with {Decision}",
            adminId, related, report.TargetType, report.TargetId, decision);
        return TypedResults.Ok(QueuedReportResponse.From(report, 0));
    }

    /// <summary>The decision takes effect in the owning service first: if that fails, nothing here changes.</summary>
    private static async Task<ProblemHttpResult?> ApplyInOwningServiceAsync(
        Report report, ModerationDecision decision, ReportServices services, CancellationToken cancellationToken)
    {
        ModerationResult result;
        try
        {
            result = await services.Moderation.ApplyAsync(decision, report.TargetId, cancellationToken);
        }
        catch (DependencyUnavailableException ex)
        {
            services.Logger.LogWarning(ex, "Could not apply {Decision} for report {ReportId}", decision, report.Id);
            return ex.ToProblem();
        }

        return result.Outcome switch
        {
            ModerationOutcome.TargetNotFound => ReportProblems.Conflict("Target not found",
                $"The {WireEnum.Name(report.TargetType)} {report.TargetId} no longer exists in its service; dismiss the report instead."),
            ModerationOutcome.Refused => ReportProblems.Conflict("Decision refused", result.Detail ?? "The owning service refused the decision."),
            _ => null,
        };
    }

    /// <summary>Everyone who reported this target hears the outcome: every open report on it closes with the decision.</summary>
    private static async Task<int> CloseRelatedAsync(
        Report report, ModerationDecision decision, string note, Guid adminId, ReportServices services, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        var related = await services.Context.Reports
            .Where(r => r.TargetType == report.TargetType && r.TargetId == report.TargetId
                && (r.Status == ReportStatus.Open || r.Status == ReportStatus.InReview))
            .ToListAsync(cancellationToken);
        foreach (var open in related)
        {
            open.Close(ReportStatus.Resolved, decision, note, adminId, now);
        }

        return related.Count;
    }

    public static async Task<Results<Ok<QueuedReportResponse>, ValidationProblem, ProblemHttpResult>> Dismiss(
        Guid id, DismissReportRequest request, ClaimsPrincipal user, IAuditTrail audit, [AsParameters] ReportServices services, CancellationToken cancellationToken)
    {
        var note = request.Note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > ReportLimits.NoteMaxLength)
        {
            return ReportProblems.Invalid("note", $"Explain the dismissal in 1 to {ReportLimits.NoteMaxLength} characters.");
        }

        var report = await services.Context.Reports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return ReportProblems.NotFound(id);
        }

        if (!report.IsActive)
        {
            return ReportProblems.Closed(report);
        }

        if (await audit.RecordOrRefuseAsync(DecisionRecord(report, "dismissed"), cancellationToken) is { } refused)
        {
            return refused;
        }

        report.Close(ReportStatus.Dismissed, decision: null, note, user.GetUserId(), services.Time.GetUtcNow());
        if (await SaveAsync(services, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(QueuedReportResponse.From(report, await ActiveReportersAsync(services, report, cancellationToken)));
    }

    /// <summary>The decision and its target (never the note, which may quote the reported content).</summary>
    private static AuditRecord DecisionRecord(Report report, string decision) => new(
        AuditActions.ReportDecided, AuditTargets.Report, report.Id.ToString(),
        report.TargetType == ReportTargetType.User ? report.TargetId : null,
        $"{decision} on {WireEnum.Name(report.TargetType)} {report.TargetId}");

    private static Task<int> ActiveReportersAsync(ReportServices services, Report report, CancellationToken cancellationToken) =>
        services.Context.Reports.CountAsync(r => r.TargetType == report.TargetType && r.TargetId == report.TargetId
            && (r.Status == ReportStatus.Open || r.Status == ReportStatus.InReview), cancellationToken);

    private static async Task<ProblemHttpResult?> SaveAsync(ReportServices services, CancellationToken cancellationToken)
    {
        try
        {
            await services.Context.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ReportProblems.ChangedMeanwhile();
        }
    }
}
