namespace TalentLink.AppHost;

/// <summary>Every resource name in the application model, declared once.</summary>
public static class ResourceNames
{
    public const string Gateway = "gateway";

    public const string Auth = "auth";
    public const string AuthDb = "authdb";

    public const string Appointments = "appointments";
    public const string AppointmentDb = "appointmentdb";

    public const string Reports = "reports";
    public const string ReportDb = "reportdb";

    public const string Postgres = "postgres";

    /// <summary>The relational databases, one per service; operations cover each of them.</summary>
    public static readonly IReadOnlyList<string> RelationalDatabases = [AuthDb, AppointmentDb, ReportDb];
}
