namespace TalentLink;

/// <summary>The HTTP headers the platform's own parts send each other, declared once.</summary>
public static class PlatformHeaders
{
    /// <summary>The AppHost's dashboard commands authenticate to the operations worker with this header.</summary>
    public const string OperationsKey = "X-Operations-Key";

    /// <summary>The services that record to the audit trail send <c>Audit:RecordingKey</c> in this header.</summary>
    public const string AuditRecordingKey = "X-Audit-Recording-Key";

    /// <summary>The gateway adds this header to every request it proxies (and removes it from its clients' requests).</summary>
    public const string GatewayKey = "X-TalentLink-Gateway-Key";
}
