namespace TalentLink.Profiles.Model;

/// <summary>What the Profiles endpoints depend on, injected as one <c>[AsParameters]</c> argument.</summary>
public sealed class ProfilesServices(
    ProfilesContext context,
    TimeProvider time,
    ILogger<ProfilesServices> logger)
{
    public ProfilesContext Context { get; } = context;
    public TimeProvider Time { get; } = time;
    public ILogger<ProfilesServices> Logger { get; } = logger;

    /// <summary>
    /// The current UTC time to the microsecond, the precision both providers keep, so what a write
    /// returns equals what a later read returns.
    /// </summary>
    public DateTimeOffset Now()
    {
        var now = Time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
