namespace TalentLink.Profiles.Model;

/// <summary>What the Profiles endpoints depend on, injected as one <c>[AsParameters]</c> argument.</summary>
public sealed class ProfilesServices(
    ProfilesContext context,
    OffersClient offers,
    TimeProvider time,
    ILogger<ProfilesServices> logger)
{
    public ProfilesContext Context { get; } = context;
    public OffersClient Offers { get; } = offers;
    public TimeProvider Time { get; } = time;
    public ILogger<ProfilesServices> Logger { get; } = logger;
}
