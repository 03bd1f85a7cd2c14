using System.Security.Claims;

namespace TalentLink.ServiceDefaults;

public static class Roles
{
    public const string Candidate = "candidate";
    public const string Recruiter = "recruiter";
    public const string Admin = "admin";

    /// <summary>
    /// A TalentLink service acting for itself (Auth erasing or exporting a user's data). Only tokens
    /// of the <see cref="ServiceTokens.Scheme"/> scheme carry it; it is never a user's role.
    /// </summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All = [Candidate, Recruiter, Admin];
}

public static class Policies
{
    public const string Admin = "admin";
    public const string Recruiter = "recruiter";
    public const string Candidate = "candidate";

    /// <summary>A service token (audience <see cref="IdentitySettings.ServiceAudience"/>) with the service role.</summary>
    public const string Service = "service";

    /// <summary>A signed-in user or a service token: the handler then checks ownership.</summary>
    public const string UserOrService = "user-or-service";
}

/// <summary>Claim names in TalentLink access tokens (inbound claim mapping is off).</summary>
public static class TalentLinkClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Role = "role";

    /// <summary>The session (refresh-token family) an access token belongs to, so one session can be revoked.</summary>
    public const string Session = "sid";

    /// <summary>The signed-in user's id; only call on an authenticated principal.</summary>
    public static Guid GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Subject), out var id)
            ? id
            : throw new InvalidOperationException("The principal has no valid subject claim.");

    public static string? GetRole(this ClaimsPrincipal user) => user.FindFirstValue(Role);
}
