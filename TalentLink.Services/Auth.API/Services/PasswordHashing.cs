using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Services;

/// <summary>
/// Runs the password hasher (PBKDF2: about 70 ms of CPU per sign-in on a 2-core reference machine)
/// a bounded number at a time, and sheds what would only queue into a timeout.
/// <para>
/// Password hashing is the one deliberately expensive thing a request does: at 1,000 users on 2
/// cores the mix's p99 was 285 ms with sign-ins and 37 ms without. At most
/// <see cref="PasswordHashingOptions.Concurrency"/> hashes run at once (one per core by default;
/// lower it to keep cores for other requests), the rest wait in line, and once
/// <see cref="PasswordHashingOptions.MaxQueue"/> are already waiting a new one is refused at once with
/// 503 and <c>Retry-After</c>, so a sign-in storm is answered instead of piling up until every
/// client times out.
/// </para>
/// </summary>
public sealed class PasswordHashing(IPasswordHasher<User> hasher, IOptions<AuthOptions> options)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly AdmissionGate _gate = new(options.Value.PasswordHashing.EffectiveConcurrency, options.Value.PasswordHashing.MaxQueue);

    /// <summary>Hashes running or waiting right now.</summary>
    public int InFlight => _gate.InFlight;

    public Task<string> HashAsync(User user, string password, CancellationToken cancellationToken) =>
        RunAsync(() => hasher.HashPassword(user, password), cancellationToken);

    public Task<PasswordVerificationResult> VerifyAsync(User user, string hashedPassword, string password, CancellationToken cancellationToken) =>
        RunAsync(() => hasher.VerifyHashedPassword(user, hashedPassword, password), cancellationToken);

    private async Task<T> RunAsync<T>(Func<T> hash, CancellationToken cancellationToken)
    {
        using var turn = await _gate.TryEnterAsync(cancellationToken)
            ?? throw new ServiceOverloadedException("Too many sign-ins are being checked right now. Try again in a moment.", RetryAfter);
        return hash();
    }
}
