using System.Security.Cryptography;
using System.Text;

namespace TalentLink.Data.Replication;

/// <summary>
/// The operator's 256-bit key that every replica object and archive is encrypted under. It comes
/// from configuration (a secret parameter), never from the disk it protects, and is never written
/// to the replica: each object carries only the key's <see cref="Id"/>, a one-way fingerprint that
/// <c>backup status</c> shows so an operator can tell which key a replica needs.
/// </summary>
public sealed class ReplicaKey
{
    public const int SizeBytes = 32;

    /// <summary>The shortest passphrase accepted in place of a base64 key.</summary>
    public const int MinimumPassphraseLength = 32;

    private ReplicaKey(byte[] material)
    {
        Material = material;
        var digest = SHA256.HashData([.. Encoding.ASCII.GetBytes("talentlink-replica-key-id:"), .. material]);
        Id = digest[..8];
        Fingerprint = Convert.ToHexStringLower(Id);
    }

    internal byte[] Material { get; }

    /// <summary>The 8 bytes each object's header names its key by.</summary>
    public byte[] Id { get; }

    /// <summary><see cref="Id"/> as 16 hex digits, for status output.</summary>
    public string Fingerprint { get; }

    /// <summary>Reads a key given as base64 (32 bytes), with a message that says how to make one when it is not.</summary>
    public static ReplicaKey Parse(string? base64, string settingName)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException($"{settingName} is not set. Give a 32-byte key in base64 (for example: openssl rand -base64 32).");
        }

        var text = base64.Trim();
        try
        {
            var material = Convert.FromBase64String(text);
            return material.Length == SizeBytes
                ? new ReplicaKey(material)
                : throw new InvalidOperationException($"{settingName} is {material.Length} bytes of base64; a key is {SizeBytes} bytes (openssl rand -base64 32).");
        }
        catch (FormatException)
        {
        }

        // A long random passphrase (an Aspire secret parameter) works too: the key is derived from it.
        return text.Length >= MinimumPassphraseLength
            ? new ReplicaKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(text), SizeBytes, info: Encoding.ASCII.GetBytes("talentlink-replica-key")))
            : throw new InvalidOperationException(
                $"{settingName} must be a 32-byte key in base64 (openssl rand -base64 32) or a random passphrase of at least {MinimumPassphraseLength} characters.");
    }

    /// <summary>A fresh random key as base64 (for tests and for the operator's first set-up).</summary>
    public static string NewBase64() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SizeBytes));
}
