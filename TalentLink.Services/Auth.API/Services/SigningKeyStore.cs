using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace TalentLink.Auth.Services;

/// <summary>
/// The RSA keys Auth signs with, loaded once from auth.db (the seed creates the first one). The
/// newest key signs; every stored key validates, so a future rotation does not cut off live tokens.
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopeFactory)
{
    private readonly Lazy<IReadOnlyList<RsaSecurityKey>> _keys = new(() => Load(scopeFactory));

    public RsaSecurityKey Current => _keys.Value[0];

    public IReadOnlyList<RsaSecurityKey> All => _keys.Value;

    public static SigningKey CreateKey(DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        return new SigningKey
        {
            Id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)),
            PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem(),
            CreatedAt = now,
        };
    }

    private static IReadOnlyList<RsaSecurityKey> Load(IServiceScopeFactory scopeFactory)
    {
        using var scope = scopeFactory.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        var stored = context.SigningKeys.AsNoTracking().AsEnumerable().OrderByDescending(k => k.CreatedAt).ToList();
        if (stored.Count == 0)
        {
            throw new InvalidOperationException("No signing key is stored; the database seed has not run.");
        }

        return stored.Select(k =>
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(k.PrivateKeyPem);
            return new RsaSecurityKey(rsa) { KeyId = k.Id };
        }).ToList();
    }

    /// <summary>The public halves, as a JWKS document publishes them.</summary>
    public IEnumerable<JsonWebKey> PublicJsonWebKeys() => All.Select(key =>
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey
        {
            Kty = JsonWebAlgorithmsKeyTypes.RSA,
            Use = JsonWebKeyUseNames.Sig,
            Alg = SecurityAlgorithms.RsaSha256,
            Kid = key.KeyId,
            N = Base64UrlEncoder.Encode(parameters.Modulus),
            E = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    });
}
