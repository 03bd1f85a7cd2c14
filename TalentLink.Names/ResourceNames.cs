namespace TalentLink;

/// <summary>
/// Every resource name in the application model, declared once: the AppHost names its resources with
/// these, the services find their connection strings (<c>ConnectionStrings:authdb</c>) and each other
/// (<c>http://offers</c>) by them, and operations, benchmarks and tests refer to them.
/// </summary>
public static class ResourceNames
{
    public const string Gateway = "gateway";

    /// <summary>The gateway's key to the services (they believe its X-Forwarded-For), and the proxies the gateway believes.</summary>
    public const string GatewayForwardingKey = "gateway-forwarding-key";
    public const string TrustedProxies = "trusted-proxies";
    public const string DemoData = "demo-data";

    public const string Auth = "auth";
    public const string AuthDb = "authdb";
    public const string SigningKeySecret = "signing-key-secret";
    public const string RevocationKey = "revocation-key";

    public const string Profiles = "profiles";
    public const string ProfileDb = "profiledb";

    public const string Offers = "offers";
    public const string OffersDb = "offersdb";

    public const string Appointments = "appointments";
    public const string AppointmentDb = "appointmentdb";

    public const string Reports = "reports";
    public const string ReportDb = "reportdb";

    public const string Audit = "audit";
    public const string AuditDb = "auditdb";

    public const string Messaging = "messaging";
    public const string MessagingDb = "messagingdb";

    /// <summary>The MongoDB connection (container or existing server) and the database Messaging uses in it.</summary>
    public const string MongoDb = "mongodb";
    public const string MessagingMongoDatabase = "messaging";
    public const string Operations = "operations";
    public const string OperationsKey = "operations-key";
    public const string AuditRecordingKey = "audit-recording-key";

    public const string Postgres = "postgres";

    /// <summary>Continuous backup: the operator's key (a secret parameter) and an Azure Blob Storage account (a connection string), when given.</summary>
    public const string ReplicaKey = "replica-key";
    public const string Replica = "replica";

    /// <summary>
    /// The relational databases, one per service; operations cover each of them. messagingdb holds
    /// Messaging's embedded store, so it exists only when Messaging does not run on MongoDB.
    /// </summary>
    public static readonly IReadOnlyList<string> RelationalDatabases = [AuthDb, ProfileDb, OffersDb, AppointmentDb, ReportDb, MessagingDb, AuditDb];
}
