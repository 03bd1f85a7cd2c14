using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TalentLink.Auth.Services;

/// <summary>
/// The RSA keys Auth signs and validates with, decrypted from auth.db when Auth starts and reloaded
/// after every rotation check (see <see cref="SigningKeyRotation"/>). Which key signs and which still
/// validate is decided on the clock at each use (see <see cref="SigningKeySchedule"/>), so a key
/// takes over, and an old one stops validating, at its time and not at the next check.
/// </summary>
public sealed class SigningKeyStore(
    SigningKeyProtector protector,
    IOptions<AuthOptions> auth,
    IOptions<PersonalDataOptions> personalData,
    IOptions<SigningKeyOptions> options,
    IOptions<IdentitySettings> identity,
    TimeProvider time)
{
    private volatile Snapshot? _snapshot;

    /// <summary>The key that signs now.</summary>
    public RsaSecurityKey Current
    {
        get
        {
            var snapshot = Loaded();
            return snapshot.Keys[SigningKeySchedule.CurrentIndex(snapshot.Activations, time.GetUtcNow())];
        }
    }

    /// <summary>The keys that validate now, newest first: a published successor, the current key, and predecessors not yet retired.</summary>
    public IReadOnlyList<RsaSecurityKey> All
    {
        get
        {
            var snapshot = Loaded();
            var now = time.GetUtcNow();
            var delay = RetirementDelay;
            var keys = new List<RsaSecurityKey>(snapshot.Keys.Count);
            for (var i = snapshot.Keys.Count - 1; i >= 0; i--)
            {
                if (!SigningKeySchedule.IsRetired(snapshot.Activations, i, now, delay))
                {
                    keys.Add(snapshot.Keys[i]);
                }
            }

            return keys;
        }
    }

    /// <summary>
    /// How long a key validates after its successor took over: the longest token it may have signed
    /// (an access or a service token), plus a rotation check (another replica may sign with it until
    /// it reloads) and the validators' clock skew.
    /// </summary>
    public TimeSpan RetirementDelay =>
        (auth.Value.AccessTokenLifetime > personalData.Value.ServiceTokenLifetime ? auth.Value.AccessTokenLifetime : personalData.Value.ServiceTokenLifetime)
        + options.Value.CheckInterval
        + identity.Value.CreateValidationParameters().ClockSkew;

    /// <summary>Replaces the keys with <paramref name="stored"/> (all encrypted); keys already loaded are not decrypted again.</summary>
    public void Load(IEnumerable<SigningKey> stored)
    {
        var ordered = stored.OrderBy(k => k.ActivatesAt).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0)
        {
            throw new InvalidOperationException("No signing key is stored in auth.db.");
        }

        var previous = _snapshot?.Keys.ToDictionary(k => k.KeyId!, StringComparer.Ordinal) ?? [];
        var keys = ordered.Select(k => previous.TryGetValue(k.Id, out var loaded)
            ? loaded
            : new RsaSecurityKey(protector.Unprotect(k)) { KeyId = k.Id }).ToList();
        _snapshot = new Snapshot(keys, ordered.Select(k => k.ActivatesAt).ToList());
    }

    /// <summary>The public halves of the keys that validate now, as a JWKS document publishes them.</summary>
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

    /// <summary>A new 2048-bit key, encrypted, that starts signing at <paramref name="activatesAt"/>.</summary>
    public SigningKey CreateKey(string id, DateTimeOffset now, DateTimeOffset activatesAt)
    {
        using var rsa = RSA.Create(2048);
        var key = new SigningKey { Id = id, CreatedAt = now, ActivatesAt = activatesAt };
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        try
        {
            protector.Protect(key, pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        return key;
    }

    private Snapshot Loaded() =>
        _snapshot ?? throw new InvalidOperationException("The signing keys are not loaded; Auth loads them when it starts.");

    private sealed record Snapshot(IReadOnlyList<RsaSecurityKey> Keys, IReadOnlyList<DateTimeOffset> Activations);
}
