namespace TalentLink.Reports.Model;

/// <summary>What the Reports endpoints depend on, injected as one <c>[AsParameters]</c> argument.</summary>
public sealed class ReportServices(
    ReportContext context,
    IModerationTargets moderation,
    IPlatformStatistics statistics,
    TimeProvider time,
    ILogger<ReportServices> logger)
{
    public ReportContext Context { get; } = context;
    public IModerationTargets Moderation { get; } = moderation;
    public IPlatformStatistics Statistics { get; } = statistics;
    public TimeProvider Time { get; } = time;
    public ILogger<ReportServices> Logger { get; } = logger;
}
