namespace TalentLink.Auth.Model;

/// <summary>
/// An RSA key Auth signs access tokens with. Kept in auth.db so tokens survive a restart, with its
/// private half encrypted (AES-256-GCM) under a key derived from <c>Auth:SigningKeys:ProtectionSecret</c>,
/// so the database or a backup of it alone cannot mint tokens (see <c>SigningKeyProtector</c>).
/// </summary>
public sealed class SigningKey
{
    /// <summary>The JWT <c>kid</c>.</summary>
    public required string Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When the key starts signing. A rotated-in key is published in the JWKS ahead of that, so
    /// services that cache the key set know it before the first token it signs arrives.
    /// </summary>
    public DateTimeOffset ActivatesAt { get; set; }

    /// <summary>The encrypted PKCS#8 private key (AES-256-GCM ciphertext; the key id is the associated data).</summary>
    public byte[]? ProtectedPrivateKey { get; set; }

    /// <summary>The AES-GCM nonce (12 bytes).</summary>
    public byte[]? Nonce { get; set; }

    /// <summary>The AES-GCM authentication tag (16 bytes).</summary>
    public byte[]? Tag { get; set; }

    /// <summary>The HKDF salt of this row's encryption key (16 bytes).</summary>
    public byte[]? Salt { get; set; }

    /// <summary>Which protection secret encrypted the row (a fingerprint, not the secret); tells a wrong secret from a damaged row.</summary>
    public string? ProtectionKeyId { get; set; }

    /// <summary>
    /// The PKCS#8 PEM of a key stored before keys were encrypted. Encrypted in place and cleared when
    /// the service starts; never written otherwise.
    /// </summary>
    public string? PrivateKeyPem { get; set; }
}
