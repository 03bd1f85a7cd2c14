using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using TalentLink.Auth.Extensions;

namespace TalentLink.Auth.Apis;

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/auth").WithTags("Auth");

        api.MapPost("/register", Register)
            .RequireRateLimiting(Extensions.Extensions.SignInRateLimitPolicy)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("Register")
            .WithSummary("Create a candidate or recruiter account");
        api.MapPost("/sign-in", SignIn)
            .RequireRateLimiting(Extensions.Extensions.SignInRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesValidationProblem()
            .WithName("SignIn")
            .WithSummary("Exchange email and password for an access token and a refresh token")
            .WithDescription("Per client address and per account: after repeated wrong passwords the account waits (429 with Retry-After), twice as long after each further one, up to a cap.");
        api.MapPost("/refresh", Refresh)
            .RequireRateLimiting(Extensions.Extensions.SignInRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesValidationProblem()
            .WithName("Refresh")
            .WithSummary("Exchange a refresh token for new tokens (the old one is spent)");
        api.MapPost("/sign-out", SignOut)
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithName("SignOut")
            .WithSummary("End the refresh token's session, or every session of the user when none is given (their access tokens too)");
        api.MapGet("/me", GetCurrentUser)
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCurrentUser")
            .WithSummary("The signed-in user");
        api.MapPost("/change-password", ChangePassword)
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem()
            .WithName("ChangePassword")
            .WithSummary("Change the password: every session is signed out and new tokens are returned");

        return api;
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (Credentials.ValidateEmail(request.Email) is { } emailError) errors["email"] = [emailError];
        if (Credentials.ValidatePassword(request.Password, request.Email) is { } passwordError) errors["password"] = [passwordError];
        var role = request.Role?.Trim().ToLowerInvariant();
        if (role is not (Roles.Candidate or Roles.Recruiter))
        {
            errors["role"] = [role == Roles.Admin
                ? "Admin accounts cannot be self-registered."
                : "Role must be 'candidate' or 'recruiter'."];
        }

        if (errors.Count > 0)
        {
            return AuthProblems.Invalid(errors, "The registration is invalid.");
        }

        var email = Credentials.NormalizeEmail(request.Email!);
        if (await services.Context.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return AuthProblems.EmailTaken();
        }

        var user = new User { Email = email, PasswordHash = "", Role = role!, CreatedAt = services.Time.GetUtcNow() };
        user.PasswordHash = await services.Passwords.HashAsync(user, request.Password!, cancellationToken);
        services.Context.Users.Add(user);
        try
        {
            await services.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with a concurrent registration of the same address: the unique index decided.
            return AuthProblems.EmailTaken();
        }

        services.Logger.LogInformation("Registered {Role} {UserId}", user.Role, user.Id);
        return TypedResults.Created($"/api/auth/users/{user.Id}", UserResponse.From(user));
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, [AsParameters] AuthServices services, HttpResponse response, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return AuthProblems.Invalid("credentials", "Email and password are required.", "The sign-in request is incomplete.");
        }

        var now = services.Time.GetUtcNow();
        var email = Credentials.NormalizeEmail(request.Email);
        var user = await services.Context.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            // Spend the same time as a real check so response times do not reveal which emails exist.
            await services.Passwords.HashAsync(new User { Email = email, PasswordHash = "", Role = "" }, request.Password, cancellationToken);
            return AuthProblems.InvalidCredentials();
        }

        if (services.Backoff.WaitBeforeNextAttempt(user) is { } wait)
        {
            // Refused unchecked: the password is not compared, and the wait does not grow.
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return AuthProblems.SignInPaused(seconds);
        }

        var verification = await services.Passwords.VerifyAsync(user, user.PasswordHash, request.Password, cancellationToken);
        if (verification == PasswordVerificationResult.Failed)
        {
            services.Backoff.Failed(user);
            if (user.LockedUntil is not null)
            {
                services.Logger.LogWarning("Sign-in to account {UserId} paused after {Failures} wrong passwords", user.Id, user.FailedSignInCount);
            }

            await services.Context.SaveChangesAsync(cancellationToken);
            return AuthProblems.InvalidCredentials();
        }

        if (user.IsSuspended)
        {
            return AuthProblems.Suspended();
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = await services.Passwords.HashAsync(user, request.Password, cancellationToken);
        }

        SignInBackoff.Succeeded(user);
        user.LastSignInAt = now;
        user.MarkActive(now);
        return TypedResults.Ok(await services.Tokens.IssueAsync(user, session: null, cancellationToken));
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Refresh(
        RefreshRequest request, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            return AuthProblems.Invalid("refreshToken", "A refresh token is required.");
        }

        var now = services.Time.GetUtcNow();
        var hash = TokenService.Hash(request.RefreshToken);
        var token = await services.Context.RefreshTokens.Include(t => t.User)
            .SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return AuthProblems.InvalidRefreshToken("The refresh token is unknown, expired or revoked.");
        }

        if (token.SessionExpiresAt <= now)
        {
            return AuthProblems.InvalidRefreshToken($"The session started at sign-in ended at {token.SessionExpiresAt:u}; sign in again.");
        }

        if (token.UsedAt is not null)
        {
            return await ReusedAsync(token);
        }

        if (token.User!.IsSuspended)
        {
            await services.Tokens.RevokeAsync(token.FamilyId, userId: null, cancellationToken);
            return AuthProblems.Suspended();
        }

        // The token is spent, the user marked active and the successor stored in one save: none of
        // it happens without the rest, and of two concurrent presenters exactly one saves (UsedAt is
        // a concurrency token, so the spend is "… WHERE UsedAt IS NULL").
        token.UsedAt = now;
        token.User.MarkActive(now);
        try
        {
            return TypedResults.Ok(await services.Tokens.IssueAsync(token.User, token, cancellationToken));
        }
        catch (DbUpdateConcurrencyException)
        {
            services.Context.ChangeTracker.Clear();
            return await ReusedAsync(token);
        }

        async Task<ProblemHttpResult> ReusedAsync(RefreshToken reused)
        {
            // Its refresh tokens and the access tokens of the session (sid) stop working; the user's other sessions go on.
            await services.Tokens.EndSessionAsync(reused.FamilyId, cancellationToken);
            services.Logger.LogWarning("Refresh token reuse for user {UserId}: ended its session", reused.UserId);
            return AuthProblems.InvalidRefreshToken("The refresh token was already used; the session it belongs to is now signed out, its access tokens included.");
        }
    }

    public static async Task<NoContent> SignOut(
        RefreshRequest? request, ClaimsPrincipal principal, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        Guid? familyId = null;
        if (!string.IsNullOrWhiteSpace(request?.RefreshToken))
        {
            var hash = TokenService.Hash(request.RefreshToken);
            familyId = await services.Context.RefreshTokens
                .Where(t => t.TokenHash == hash && t.UserId == userId)
                .Select(t => (Guid?)t.FamilyId)
                .SingleOrDefaultAsync(cancellationToken);
        }

        // One session (the refresh token's) or, without one, every session; their access tokens stop working too.
        if (familyId is { } session)
        {
            await services.Tokens.EndSessionAsync(session, cancellationToken);
        }
        else
        {
            await services.Tokens.EndAllSessionsAsync(userId, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetCurrentUser(
        ClaimsPrincipal principal, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var user = await services.Context.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return AuthProblems.OwnAccountGone();
        }

        return user.IsSuspended ? AuthProblems.Suspended() : TypedResults.Ok(UserResponse.From(user));
    }

    /// <summary>Every session ends (access tokens included, in every service); the answer is a fresh pair for the device that changed it.</summary>
    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal principal, [AsParameters] AuthServices services, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var user = await services.Context.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return AuthProblems.OwnAccountGone();
        }

        if (string.IsNullOrEmpty(request.CurrentPassword)
            || await services.Passwords.VerifyAsync(user, user.PasswordHash, request.CurrentPassword, cancellationToken) == PasswordVerificationResult.Failed)
        {
            return AuthProblems.Invalid("currentPassword", "The current password is incorrect.");
        }

        if (Credentials.ValidatePassword(request.NewPassword, user.Email) is { } error)
        {
            return AuthProblems.Invalid("newPassword", error);
        }

        user.PasswordHash = await services.Passwords.HashAsync(user, request.NewPassword!, cancellationToken);
        await services.Tokens.EndAllSessionsAsync(userId, cancellationToken);
        return TypedResults.Ok(await services.Tokens.IssueAsync(user, session: null, cancellationToken));
    }
}
