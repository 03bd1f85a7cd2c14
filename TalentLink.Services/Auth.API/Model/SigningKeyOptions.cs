using System.ComponentModel.DataAnnotations;

namespace TalentLink.Auth.Model;

/// <summary>The <c>Auth:SigningKeys</c> section: how the token signing keys are protected at rest and rotated.</summary>
public sealed class SigningKeyOptions
{
    public const string SectionName = "Auth:SigningKeys";
    public const string ProtectionSecretSetting = SectionName + ":ProtectionSecret";
    public const int MinimumSecretLength = 32;

    public const string MissingSecretMessage =
        ProtectionSecretSetting + " is not set. Auth encrypts its token signing keys with it; the AppHost passes its " +
        "generated signing-key-secret parameter, and Auth run alone needs Auth__SigningKeys__ProtectionSecret " +
        "(at least 32 random characters).";

    public const string ShortSecretMessage =
        ProtectionSecretSetting + " is too short: use at least 32 random characters (e.g. openssl rand -base64 32).";

    /// <summary>What is wrong with a protection secret, or null when it will do.</summary>
    public static string? SecretProblem(string? secret) =>
        string.IsNullOrWhiteSpace(secret) ? MissingSecretMessage
        : secret.Length < MinimumSecretLength ? ShortSecretMessage
        : null;

    public const string PublishAheadMessage = "Auth:SigningKeys:PublishAhead must be shorter than Auth:SigningKeys:RotationInterval.";

    /// <summary>
    /// The operator's secret the private keys in auth.db are encrypted under (at least 32 random
    /// characters, e.g. <c>openssl rand -base64 32</c>). Required: the service does not start without
    /// it, nor with a secret other than the one the stored keys were encrypted with. It is deliberately
    /// not kept on the machine (no Data Protection key ring): after a restore, the backup and this
    /// secret are all a fresh machine needs, and the backup alone cannot mint tokens. Keep it apart
    /// from the backups. Under the AppHost it is the <c>signing-key-secret</c> parameter, generated on
    /// first run and kept in the AppHost's user secrets (like <c>admin-password</c>); running Auth
    /// alone, set <c>Auth__SigningKeys__ProtectionSecret</c>.
    /// </summary>
    public string? ProtectionSecret { get; set; }

    /// <summary>How long a key signs before the next one takes over.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long before it starts signing a new key is published in the JWKS. Longer than the time
    /// other services keep the key set (10 minutes) plus <see cref="CheckInterval"/>, so they know the
    /// key before its first token; a service that does not is still covered, since an unknown
    /// <c>kid</c> makes it fetch the key set again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often Auth looks whether a key is due to be rotated in or retired, and reloads the keys (other replicas' rotations).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}
