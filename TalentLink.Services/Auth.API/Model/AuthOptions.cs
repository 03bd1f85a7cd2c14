using System.ComponentModel.DataAnnotations;

namespace TalentLink.Auth.Model;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// The absolute lifetime of a session: counted from sign-in, not extended by refreshing, so a
    /// stolen refresh token that is kept rotating still dies; then the user signs in again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    public SignInBackoffOptions SignInBackoff { get; set; } = new();

    public RateLimitOptions SignInRateLimit { get; set; } = new();

    public PasswordHashingOptions PasswordHashing { get; set; } = new();

    /// <summary>The first admin, created at start-up when missing. Admins never self-register.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();
}

/// <summary>The per-account back-off after wrong passwords (see <c>SignInBackoff</c>).</summary>
public sealed class SignInBackoffOptions
{
    /// <summary>Wrong passwords in a row that cost no wait.</summary>
    [Range(1, 100)]
    public int FreeAttempts { get; set; } = 5;

    /// <summary>The wait after the first wrong password past the free ones; it doubles with each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait: one wrong password can never keep the owner out for longer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class RateLimitOptions
{
    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>How many password hashes run at once, and how many may wait (see <c>PasswordHashing</c>).</summary>
public sealed class PasswordHashingOptions
{
    /// <summary>
    /// Hashes running at once; 0 (the default) means one per core. Fewer keeps cores free for other
    /// requests during a burst, but on a machine where sign-ins are a steady share of the load one slot
    /// cannot keep up (2 cores, 1,000 users: sign-ins queued for seconds and were shed).
    /// </summary>
    [Range(0, 1024)]
    public int Concurrency { get; set; }

    /// <summary>Hashes that may wait for a slot; past that, sign-ins are refused with 503 until the line shortens.</summary>
    [Range(0, 100_000)]
    public int MaxQueue { get; set; } = 64;

    public int EffectiveConcurrency => Concurrency > 0 ? Concurrency : Environment.ProcessorCount;
}

public sealed class BootstrapAdminOptions
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
