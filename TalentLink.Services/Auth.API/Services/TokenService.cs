using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Services;

/// <summary>Issues access tokens (RS256 JWTs) and rotating refresh tokens.</summary>
public sealed class TokenService(
    AuthContext context,
    SigningKeyStore keys,
    IOptions<AuthOptions> options,
    IOptions<IdentitySettings> identity,
    TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<TokenResponse> IssueAsync(User user, Guid? familyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lifetime = options.Value.AccessTokenLifetime;
        var accessToken = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = identity.Value.Issuer,
            Audience = identity.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(TalentLinkClaims.Subject, user.Id.ToString()),
                new Claim(TalentLinkClaims.Email, user.Email),
                new Claim(TalentLinkClaims.Role, user.Role),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });

        var refreshToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        context.RefreshTokens.Add(new RefreshToken
        {
            UserId = user.Id,
            FamilyId = familyId ?? Guid.CreateVersion7(),
            TokenHash = Hash(refreshToken),
            CreatedAt = now,
            ExpiresAt = now.Add(options.Value.RefreshTokenLifetime),
        });
        await context.SaveChangesAsync(cancellationToken);

        return new TokenResponse(accessToken, "Bearer", (int)lifetime.TotalSeconds, refreshToken, UserResponse.From(user));
    }

    /// <summary>
    /// A short-lived token for Auth's own calls to other services (erasing or exporting a user's
    /// data). Its audience is <see cref="IdentitySettings.ServiceAudience"/>, which only the
    /// personal-data endpoints accept.
    /// </summary>
    public string IssueServiceToken(TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = identity.Value.Issuer,
            Audience = identity.Value.ServiceAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(TalentLinkClaims.Subject, ServiceTokens.AuthSubject),
                new Claim(TalentLinkClaims.Role, Roles.Service),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });
    }

    public static string Hash(string refreshToken) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    /// <summary>Revokes every live refresh token of a family (sign-out, reuse) or of a user (password change, suspension).</summary>
    public Task<int> RevokeAsync(Guid? familyId, Guid? userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return context.RefreshTokens
            .Where(t => t.RevokedAt == null && (familyId == null || t.FamilyId == familyId) && (userId == null || t.UserId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }
}
