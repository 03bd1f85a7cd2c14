using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Services;

/// <summary>
/// Slows password guessing per account, wherever the guesses come from (the per-address limit is
/// the <c>sign-in</c> rate-limit policy). The first <see cref="SignInBackoffOptions.FreeAttempts"/>
/// wrong passwords cost nothing; each further one makes the account wait before its next check:
/// <see cref="SignInBackoffOptions.FirstDelay"/>, then twice as long each time, up to
/// <see cref="SignInBackoffOptions.MaxDelay"/>. Attempts during a wait are refused unchecked and do
/// not lengthen it, so an attacker cannot lock the owner out for longer than one wait after their
/// last real guess, and the right password after the wait signs in (and clears the count).
/// </summary>
public sealed class SignInBackoff(IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>How long the account must still wait before a password is checked, or null when it may try now.</summary>
    public TimeSpan? WaitBeforeNextAttempt(User user)
    {
        var wait = user.LockedUntil - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Counts a wrong password and sets the wait it earns.</summary>
    public void Failed(User user)
    {
        var settings = options.Value.SignInBackoff;
        user.FailedSignInCount++;
        var beyondFree = user.FailedSignInCount - settings.FreeAttempts;
        if (beyondFree <= 0)
        {
            return;
        }

        // 2^k passes any cap quickly; clamp the exponent so the arithmetic never overflows.
        var delay = settings.FirstDelay * Math.Pow(2, Math.Min(beyondFree - 1, 40));
        user.LockedUntil = time.GetUtcNow() + (delay < settings.MaxDelay ? delay : settings.MaxDelay);
    }

    public static void Succeeded(User user)
    {
        user.FailedSignInCount = 0;
        user.LockedUntil = null;
    }
}
