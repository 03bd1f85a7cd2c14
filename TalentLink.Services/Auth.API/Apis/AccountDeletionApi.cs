using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TalentLink.Auth.Apis;

/// <summary>
/// Account deletion: a user deletes their own account (confirming with their password), an admin
/// deletes any other account. Tokens stop working at once; each service then erases its part, and
/// admins follow the progress per service.
/// </summary>
public static class AccountDeletionApi
{
    public static RouteGroupBuilder MapAccountDeletionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/auth").ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapDelete("/account", DeleteOwnAccount)
            .RequireAuthorization()
            .WithTags("Auth")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("DeleteOwnAccount")
            .WithSummary("Delete your account and all your personal data (re-enter your password)");

        api.MapDelete("/users/{id:guid}", DeleteUser)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Users")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("DeleteUser")
            .WithSummary("Delete an account and all its personal data (admins; not your own)");

        var deletions = api.MapGroup("/deletions").WithTags("Users").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        deletions.MapGet("/", ListDeletions).ProducesValidationProblem().WithName("ListDeletions").WithSummary("Account deletions, newest first, with each service's progress");
        deletions.MapGet("/{userId:guid}", GetDeletion)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetDeletion")
            .WithSummary("The deletion of one account, found by the deleted user's id");

        api.MapGet("/retention/inactive-accounts", PlanInactiveAccountRetention)
            .RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithTags("Users")
            .WithName("PlanInactiveAccountRetention")
            .WithSummary("Dry run: how many inactive accounts the daily retention job would warn and delete now");

        return api;
    }

    public static async Task<Ok<InactiveAccountsPlan>> PlanInactiveAccountRetention(InactiveAccountRetention retention, CancellationToken cancellationToken) =>
        TypedResults.Ok(await retention.PlanAsync(cancellationToken));

    public static async Task<Results<Accepted<DeletionResponse>, ValidationProblem, ProblemHttpResult>> DeleteOwnAccount(
        [FromBody] DeleteAccountRequest? request, ClaimsPrincipal principal, [AsParameters] AccountDeletionServices services, CancellationToken cancellationToken)
    {
        var user = await services.Context.Users.SingleOrDefaultAsync(u => u.Id == principal.GetUserId(), cancellationToken);
        if (user is null)
        {
            return AuthProblems.OwnAccountGone();
        }

        if (string.IsNullOrEmpty(request?.Password)
            || await services.Passwords.VerifyAsync(user, user.PasswordHash, request.Password, cancellationToken) == PasswordVerificationResult.Failed)
        {
            return AuthProblems.Invalid("password", "Enter your current password to delete your account.", "The password is incorrect.");
        }

        if (user.Role == Roles.Admin)
        {
            return AuthProblems.AdminDeletesThemself();
        }

        var deletion = await services.Deletions.DeleteAsync(user, DeletionReasons.Self, cancellationToken);
        return TypedResults.Accepted((string?)null, DeletionResponse.From(deletion));
    }

    public static async Task<Results<Accepted<DeletionResponse>, ProblemHttpResult>> DeleteUser(
        Guid id, ClaimsPrincipal principal, IAuditTrail audit, [AsParameters] AccountDeletionServices services, CancellationToken cancellationToken)
    {
        if (id == principal.GetUserId())
        {
            return AuthProblems.CannotDeleteYourself();
        }

        var user = await services.Context.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return AuthProblems.AccountNotFound(id);
        }

        // On the trail first: when Audit is down the account is left as it was (503).
        var record = new AuditRecord(AuditActions.UserDeleted, AuditTargets.User, id.ToString(), id);
        if (await audit.RecordOrRefuseAsync(record, cancellationToken) is { } refused)
        {
            return refused;
        }

        var deletion = await services.Deletions.DeleteAsync(user, DeletionReasons.Admin, cancellationToken);
        services.Logger.LogInformation("Admin {AdminId} deleted user {UserId} (deletion {DeletionId})", principal.GetUserId(), id, deletion.Id);
        return TypedResults.Accepted($"/api/auth/deletions/{id}", DeletionResponse.From(deletion));
    }

    public static async Task<Results<Ok<PagedResult<DeletionResponse>>, ValidationProblem>> ListDeletions(
        [AsParameters] PageRequest page, [AsParameters] AccountDeletionServices services, CancellationToken cancellationToken)
    {
        if (page.Validate() is { } errors)
        {
            return AuthProblems.Invalid(errors);
        }

        var query = services.Context.AccountDeletions.AsNoTracking();
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.Include(d => d.Steps)
            .OrderByDescending(d => d.RequestedAt).ThenByDescending(d => d.Id)
            .Skip(page.Skip).Take(page.Size)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<DeletionResponse>(items.Select(DeletionResponse.From).ToList(), page.Number, page.Size, total));
    }

    public static async Task<Results<Ok<DeletionResponse>, ProblemHttpResult>> GetDeletion(
        Guid userId, [AsParameters] AccountDeletionServices services, CancellationToken cancellationToken)
    {
        // Once complete, a deletion keeps only the hash of the user id.
        var subjectHash = TokenRevocation.HashSubject(userId.ToString());
        var deletion = await services.Context.AccountDeletions.AsNoTracking().Include(d => d.Steps)
            .Where(d => d.SubjectHash == subjectHash)
            .OrderByDescending(d => d.RequestedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return deletion is null
            ? AuthProblems.DeletionNotFound(userId)
            : TypedResults.Ok(DeletionResponse.From(deletion));
    }
}
