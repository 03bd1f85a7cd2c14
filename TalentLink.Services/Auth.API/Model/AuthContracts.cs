namespace TalentLink.Auth.Model;

public sealed record RegisterRequest(string? Email, string? Password, string? Role);

public sealed record SignInRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, UserResponse User);

public sealed record UserResponse(Guid Id, string Email, string Role, DateTimeOffset CreatedAt, bool Suspended)
{
    public static UserResponse From(User user) => new(user.Id, user.Email, user.Role, user.CreatedAt, user.IsSuspended);
}

/// <summary>Accounts per role: <c>{ "usersByRole": { "candidate": n, "recruiter": n, "admin": n } }</c>.</summary>
public sealed record UserStatisticsResponse(IReadOnlyDictionary<string, int> UsersByRole);
