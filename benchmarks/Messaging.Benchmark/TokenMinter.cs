using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace TalentLink.Benchmarks.Messaging;

/// <summary>Access tokens shaped like Auth's (issuer, audience, sub, role; RS256), signed with a throw-away key.</summary>
internal sealed class TokenMinter
{
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "benchmark" };

    public TokenMinter()
    {
        Configuration = new OpenIdConnectConfiguration { Issuer = "talentlink" };
        Configuration.SigningKeys.Add(_key);
    }

    public OpenIdConnectConfiguration Configuration { get; }

    public string Mint(Guid userId, string role) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "talentlink",
        Audience = "talentlink",
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", role)]),
    });
}
