namespace TalentLink.Offers.Model;

/// <summary>What the Offers endpoints depend on, injected as one <c>[AsParameters]</c> argument.</summary>
public sealed class OffersServices(
    OffersContext context,
    ProfilesClient profiles,
    UploadStore uploads,
    TimeProvider time,
    ILogger<OffersServices> logger)
{
    public OffersContext Context { get; } = context;
    public ProfilesClient Profiles { get; } = profiles;
    public UploadStore Uploads { get; } = uploads;
    public TimeProvider Time { get; } = time;
    public ILogger<OffersServices> Logger { get; } = logger;
}
