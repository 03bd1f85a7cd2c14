using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TalentLink.Auth.Services;

/// <summary>
/// Encrypts the signing keys' private halves for auth.db: AES-256-GCM under a key derived (HKDF-SHA256)
/// from <c>Auth:SigningKeys:ProtectionSecret</c> and a random salt kept with each row; the row's key id
/// is the associated data, so a ciphertext cannot be moved to another row. The stored
/// <see cref="SigningKey.ProtectionKeyId"/> fingerprints the secret, so a wrong secret is named as
/// such rather than reported as a damaged row.
/// </summary>
public sealed class SigningKeyProtector
{
    private const int SaltSize = 16;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] EncryptionInfo = "talentlink/auth/signing-key/aes-256-gcm/v1"u8.ToArray();
    private static readonly byte[] KeyIdInfo = "talentlink/auth/signing-key/protection-key-id/v1"u8.ToArray();

    private readonly byte[] _secret;

    public SigningKeyProtector(IOptions<SigningKeyOptions> options)
    {
        var secret = options.Value.ProtectionSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidOperationException(SigningKeyOptions.MissingSecretMessage);
        }

        _secret = Encoding.UTF8.GetBytes(secret);
        KeyId = Base64UrlEncoder.Encode(HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, 12, salt: [], info: KeyIdInfo));
    }

    /// <summary>The fingerprint of the configured secret.</summary>
    public string KeyId { get; }

    /// <summary>Encrypts <paramref name="pkcs8PrivateKey"/> into <paramref name="key"/>'s protected columns.</summary>
    public void Protect(SigningKey key, ReadOnlySpan<byte> pkcs8PrivateKey)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[pkcs8PrivateKey.Length];
        var tag = new byte[TagSize];
        var encryptionKey = DeriveKey(salt);
        try
        {
            using var aes = new AesGcm(encryptionKey, TagSize);
            aes.Encrypt(nonce, pkcs8PrivateKey, ciphertext, tag, AssociatedData(key.Id));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encryptionKey);
        }

        key.ProtectedPrivateKey = ciphertext;
        key.Nonce = nonce;
        key.Tag = tag;
        key.Salt = salt;
        key.ProtectionKeyId = KeyId;
    }

    /// <summary>The RSA key of a protected row; throws, naming the setting, when the configured secret is not the one it was encrypted with.</summary>
    public RSA Unprotect(SigningKey key)
    {
        if (key.ProtectedPrivateKey is null || key.Nonce is null || key.Tag is null || key.Salt is null)
        {
            throw new InvalidOperationException($"The signing key '{key.Id}' in auth.db is not encrypted; it is encrypted when Auth starts.");
        }

        if (key.ProtectionKeyId != KeyId)
        {
            throw new InvalidOperationException(
                $"The signing keys in auth.db were encrypted with a different {SigningKeyOptions.ProtectionSecretSetting} " +
                $"(secret id '{key.ProtectionKeyId}'; the configured secret's is '{KeyId}'). Set the secret they were " +
                "encrypted with: after a restore, the one of the installation the backup came from.");
        }

        var plaintext = new byte[key.ProtectedPrivateKey.Length];
        var encryptionKey = DeriveKey(key.Salt);
        try
        {
            using (var aes = new AesGcm(encryptionKey, TagSize))
            {
                aes.Decrypt(key.Nonce, key.ProtectedPrivateKey, key.Tag, plaintext, AssociatedData(key.Id));
            }

            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(plaintext, out _);
            return rsa;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new InvalidOperationException(
                $"The signing key '{key.Id}' in auth.db does not decrypt with {SigningKeyOptions.ProtectionSecretSetting}: " +
                "the row was altered or damaged (the secret's id matches).", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encryptionKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private byte[] DeriveKey(byte[] salt) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, 32, salt, EncryptionInfo);

    private static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes(keyId);
}
