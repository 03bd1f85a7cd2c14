namespace TalentLink.AppHost;

/// <summary>Every resource name in the application model, declared once.</summary>
public static class ResourceNames
{
    public const string Auth = "auth";
    public const string AuthDb = "authdb";

    public const string Operations = "operations";
    public const string OperationsKey = "operations-key";

    public const string Postgres = "postgres";

    /// <summary>The relational databases, one per service; operations cover each of them.</summary>
    public static readonly IReadOnlyList<string> RelationalDatabases = [AuthDb];
}
