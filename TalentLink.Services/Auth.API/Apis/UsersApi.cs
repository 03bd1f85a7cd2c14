using System.Security.Claims;

namespace TalentLink.Auth.Apis;

/// <summary>Account administration: admins only.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/auth/users").WithTags("Users").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/", ListUsers).ProducesValidationProblem().WithName("ListUsers").WithSummary("List accounts, filtered by role and email, paged");
        api.MapGet("/statistics", GetStatistics).WithName("GetUserStatistics").WithSummary("How many accounts each role has");
        api.MapGet("/{id:guid}", GetUser).WithName("GetUser").WithSummary("One account");
        api.MapPost("/{id:guid}/suspend", Suspend).ProducesProblem(StatusCodes.Status409Conflict).WithName("SuspendUser").WithSummary("Suspend an account: sign-in and refresh stop at once");
        api.MapPost("/{id:guid}/unsuspend", Unsuspend).WithName("UnsuspendUser").WithSummary("Lift a suspension");

        return api;
    }

    public static async Task<Results<Ok<PagedResult<UserResponse>>, ValidationProblem>> ListUsers(
        [AsParameters] PageRequest page, string? role, string? search,
        [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        if (page.Validate() is { } errors)
        {
            return AuthProblems.Invalid(errors);
        }

        if (role is not null && !Roles.All.Contains(role))
        {
            return AuthProblems.Invalid("role", "Role must be candidate, recruiter or admin.");
        }

        var query = services.Context.Users.AsNoTracking();
        if (role is not null)
        {
            query = query.Where(u => u.Role == role);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            // Emails are stored lower-cased, so a lower-cased needle is case-insensitive on every provider.
            var needle = search.Trim().ToLowerInvariant();
            query = query.Where(u => u.Email.Contains(needle));
        }

        var total = await query.LongCountAsync(cancellationToken);
        var users = await query.OrderBy(u => u.Email).Skip(page.Skip).Take(page.Size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<UserResponse>(users.Select(UserResponse.From).ToList(), page.Number, page.Size, total));
    }

    public static async Task<Ok<UserStatisticsResponse>> GetStatistics([AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var counts = await services.Context.Users.AsNoTracking()
            .GroupBy(u => u.Role)
            .Select(g => new { Role = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new UserStatisticsResponse(
            Roles.All.ToDictionary(role => role, role => counts.SingleOrDefault(c => c.Role == role)?.Count ?? 0)));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(
        Guid id, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var user = await services.Context.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? AuthProblems.AccountNotFound(id) : TypedResults.Ok(UserResponse.From(user));
    }

    public static Task<Results<Ok<UserResponse>, ProblemHttpResult>> Suspend(
        Guid id, ClaimsPrincipal principal, IAuditTrail audit, [AsParameters] AuthServices services, CancellationToken cancellationToken) =>
        SetSuspended(id, suspend: true, principal, audit, services, cancellationToken);

    public static Task<Results<Ok<UserResponse>, ProblemHttpResult>> Unsuspend(
        Guid id, ClaimsPrincipal principal, IAuditTrail audit, [AsParameters] AuthServices services, CancellationToken cancellationToken) =>
        SetSuspended(id, suspend: false, principal, audit, services, cancellationToken);

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetSuspended(
        Guid id, bool suspend, ClaimsPrincipal principal, IAuditTrail audit, AuthServices services, CancellationToken cancellationToken)
    {
        if (suspend && id == principal.GetUserId())
        {
            return AuthProblems.CannotSuspendYourself();
        }

        var user = await services.Context.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return AuthProblems.AccountNotFound(id);
        }

        var record = new AuditRecord(suspend ? AuditActions.UserSuspended : AuditActions.UserUnsuspended, AuditTargets.User, id.ToString(), id);
        if (await audit.RecordThenApplyAsync(record, token =>
            {
                user.SuspendedAt = AuditedToggle.Since(user.SuspendedAt, suspend, services.Time.GetUtcNow());
                if (suspend)
                {
                    // Access tokens already issued stop working here at once and in every other service within a poll interval.
                    services.Revocations.RevokeUser(user.Id, services.Time.GetUtcNow());
                }

                return services.Context.SaveChangesAsync(token);
            }, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (suspend)
        {
            await services.Tokens.RevokeAsync(familyId: null, user.Id, cancellationToken);
        }

        services.Logger.LogInformation("Admin {AdminId} {Action} user {UserId}", principal.GetUserId(), suspend ? "suspended" : "unsuspended", user.Id);
        return TypedResults.Ok(UserResponse.From(user));
    }
}
