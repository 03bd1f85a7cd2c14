namespace TalentLink.Audit.Model;

/// <summary>What the Audit endpoints depend on, injected as one <c>[AsParameters]</c> argument.</summary>
public sealed class AuditServices(AuditContext context, TimeProvider time, ILogger<AuditServices> logger)
{
    public AuditContext Context { get; } = context;
    public TimeProvider Time { get; } = time;
    public ILogger<AuditServices> Logger { get; } = logger;
}
