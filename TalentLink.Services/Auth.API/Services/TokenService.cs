using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;
using TalentLink.Data;

namespace TalentLink.Auth.Services;

/// <summary>
/// Issues access tokens (RS256 JWTs) and rotating refresh tokens. A sign-in starts a session (a
/// refresh-token family, the access tokens' <c>sid</c>) that ends <see cref="AuthOptions.SessionLifetime"/>
/// later however often its tokens rotate.
/// </summary>
public sealed class TokenService(
    AuthContext context,
    SigningKeyStore keys,
    RevocationPublisher publisher,
    TokenRevocationList revocations,
    IOptions<AuthOptions> options,
    IOptions<IdentitySettings> identity,
    TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>
    /// New tokens for a sign-in (<paramref name="session"/> null: a new session) or a refresh (the
    /// spent token, whose session the successor continues and whose end it keeps).
    /// </summary>
    public async Task<TokenResponse> IssueAsync(User user, RefreshToken? session, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var familyId = session?.FamilyId ?? Guid.CreateVersion7();
        var sessionEndsAt = session?.SessionExpiresAt ?? now.Add(options.Value.SessionLifetime);
        var issuedAt = AfterRevocations(user.Id, familyId, now);
        var lifetime = options.Value.AccessTokenLifetime;
        var accessToken = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = identity.Value.Issuer,
            Audience = identity.Value.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = issuedAt.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(TalentLinkClaims.Subject, user.Id.ToString()),
                new Claim(TalentLinkClaims.Email, user.Email),
                new Claim(TalentLinkClaims.Role, user.Role),
                new Claim(TalentLinkClaims.Session, familyId.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });

        var refreshToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var expiresAt = now.Add(options.Value.RefreshTokenLifetime);
        context.RefreshTokens.Add(new RefreshToken
        {
            UserId = user.Id,
            FamilyId = familyId,
            TokenHash = Hash(refreshToken),
            CreatedAt = now,
            ExpiresAt = expiresAt < sessionEndsAt ? expiresAt : sessionEndsAt,
            SessionExpiresAt = sessionEndsAt,
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

    /// <summary>
    /// Ends every session of the user (password change, sign-out everywhere): a revocation of their
    /// access tokens is published with whatever else the context holds (a new password hash), then
    /// their refresh tokens are revoked.
    /// </summary>
    public async Task EndAllSessionsAsync(Guid userId, CancellationToken cancellationToken)
    {
        publisher.RevokeUser(userId, time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        await RevokeAsync(familyId: null, userId, cancellationToken);
    }

    /// <summary>Ends one session (sign-out, a refresh token presented twice): its refresh tokens and its live access tokens.</summary>
    public async Task EndSessionAsync(Guid familyId, CancellationToken cancellationToken)
    {
        publisher.RevokeSession(familyId, time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        await RevokeAsync(familyId, userId: null, cancellationToken);
    }

    /// <summary>
    /// <c>iat</c> has whole seconds and a revocation covers its own second, so a token issued right
    /// after one (the fresh pair of a password change) is dated the next second to stay valid.
    /// </summary>
    private DateTimeOffset AfterRevocations(Guid userId, Guid familyId, DateTimeOffset now)
    {
        var latest = revocations.RevokedUpTo(userId.ToString());
        if (revocations.RevokedUpToSession(familyId.ToString()) is { } session && (latest is null || session > latest))
        {
            latest = session;
        }

        return latest is { } revokedAt && now.ToUnixTimeSeconds() <= revokedAt.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(revokedAt.ToUnixTimeSeconds() + 1)
            : now;
    }

    /// <summary>Revokes every live refresh token of a family (sign-out, reuse) or of a user (password change, suspension).</summary>
    public Task<int> RevokeAsync(Guid? familyId, Guid? userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNowForStorage(); // a bulk update: no save cuts it to the microsecond
        return context.RefreshTokens
            .Where(t => t.RevokedAt == null && (familyId == null || t.FamilyId == familyId) && (userId == null || t.UserId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }
}
