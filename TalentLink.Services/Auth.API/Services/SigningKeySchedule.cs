namespace TalentLink.Auth.Services;

/// <summary>
/// Which of the stored keys signs and which still validate, from their activation times alone (in
/// ascending order): the newest key whose time has come signs; a key validates until its successor
/// has signed for <c>retirementDelay</c> (the longest token lifetime and then some), so no token it
/// signed outlives it; a key whose time has not come yet is published, not used.
/// </summary>
public static class SigningKeySchedule
{
    public static int CurrentIndex(IReadOnlyList<DateTimeOffset> activations, DateTimeOffset now)
    {
        for (var i = activations.Count - 1; i > 0; i--)
        {
            if (activations[i] <= now)
            {
                return i;
            }
        }

        return 0;
    }

    public static bool IsRetired(IReadOnlyList<DateTimeOffset> activations, int index, DateTimeOffset now, TimeSpan retirementDelay) =>
        index + 1 < activations.Count && activations[index + 1] + retirementDelay <= now;

    /// <summary>
    /// When the key after the newest one should start signing, or null while one is already waiting:
    /// <paramref name="rotationInterval"/> after the newest, but never sooner than
    /// <paramref name="publishAhead"/> from now (after a long stop the old key signs a little longer).
    /// A successor is due once that is at most <paramref name="publishAhead"/> away.
    /// </summary>
    public static DateTimeOffset? NextActivation(
        DateTimeOffset newestActivation, DateTimeOffset now, TimeSpan rotationInterval, TimeSpan publishAhead)
    {
        if (newestActivation > now)
        {
            return null;
        }

        var scheduled = newestActivation + rotationInterval;
        if (scheduled - publishAhead > now)
        {
            return null;
        }

        return scheduled > now + publishAhead ? scheduled : now + publishAhead;
    }
}
