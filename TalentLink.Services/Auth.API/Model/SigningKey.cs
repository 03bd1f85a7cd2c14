namespace TalentLink.Auth.Model;

/// <summary>An RSA key Auth signs access tokens with. Kept in auth.db so tokens survive a restart.</summary>
public sealed class SigningKey
{
    /// <summary>The JWT <c>kid</c>.</summary>
    public required string Id { get; set; }

    /// <summary>PKCS#8 private key, PEM-encoded. Never leaves this service.</summary>
    public required string PrivateKeyPem { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
