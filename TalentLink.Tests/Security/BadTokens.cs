using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TalentLink.Auth.Services;

namespace TalentLink.Tests.Security;

/// <summary>Bearer tokens a service must refuse, derived from a real user's token and Auth's real signing key.</summary>
public static class BadTokens
{
    public static IReadOnlyList<(string Case, string Token)> For(ServiceUnderTest service, SignedInUser user)
    {
        var realKey = service.Auth.Services.GetRequiredService<SigningKeyStore>().Current;
        var parts = user.AccessToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var asAdmin = Base64UrlEncoder.Encode(payload.Replace($"\"{Roles.Candidate}\"", $"\"{Roles.Admin}\"", StringComparison.Ordinal));
        var unsignedHeader = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        using var otherRsa = RSA.Create(2048);
        var otherKey = new RsaSecurityKey(otherRsa.ExportParameters(true)) { KeyId = realKey.KeyId };
        var now = DateTime.UtcNow;

        return
        [
            ("forged (role changed, signature kept)", $"{parts[0]}.{asAdmin}.{parts[2]}"),
            ("unsigned (alg none)", $"{unsignedHeader}.{parts[1]}."),
            ("unsigned (alg none) with the original signature", $"{unsignedHeader}.{parts[1]}.{parts[2]}"),
            ("signed with another key under the real key id", Sign(user, otherKey, now.AddMinutes(-1), now.AddMinutes(10), "talentlink", "talentlink")),
            ("expired", Sign(user, realKey, now.AddHours(-2), now.AddHours(-1), "talentlink", "talentlink")),
            ("for another audience", Sign(user, realKey, now.AddMinutes(-1), now.AddMinutes(10), "talentlink", "another-platform")),
            ("from another issuer", Sign(user, realKey, now.AddMinutes(-1), now.AddMinutes(10), "https://evil.example", "talentlink")),
            ("HMAC-signed with a guessable secret", SignHmac(user, now)),
            ("not a JWT", "not-a-token"),
            ("truncated", user.AccessToken[..(user.AccessToken.Length / 2)]),
        ];
    }

    private static string Sign(SignedInUser user, SecurityKey key, DateTime notBefore, DateTime expires, string issuer, string audience) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Subject = Subject(user),
        });

    private static string SignHmac(SignedInUser user, DateTime now) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "talentlink",
            Audience = "talentlink",
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("talentlink-secret-talentlink-secret!")), SecurityAlgorithms.HmacSha256),
            Subject = Subject(user),
        });

    private static ClaimsIdentity Subject(SignedInUser user) => new(
    [
        new Claim(TalentLinkClaims.Subject, user.Id.ToString()),
        new Claim(TalentLinkClaims.Email, "someone@example.com"),
        new Claim(TalentLinkClaims.Role, Roles.Admin),
    ]);
}
