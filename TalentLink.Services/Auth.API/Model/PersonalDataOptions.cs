using System.ComponentModel.DataAnnotations;

namespace TalentLink.Auth.Model;

/// <summary>
/// The <c>PersonalData</c> section: which services hold personal data (the AppHost lists them as
/// <c>PersonalData__Services__0=profiles</c> …). Each exposes <c>/api/{name}/personal-data/{userId}</c>
/// and is reached as <c>http://{name}</c> through service discovery.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string SectionName = "PersonalData";

    public List<string> Services { get; set; } = [];

    /// <summary>How often the dispatcher looks for deletion steps that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts of a failing step (the wait doubles from 1 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one erase call may take before it counts as failed (and is retried later).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the service tokens Auth mints for its own calls live.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:30:00")]
    public TimeSpan ServiceTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a finished export can be downloaded.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ExportLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Where export archives are kept: the AppHost sets <c>uploads/exports</c> under the data directory
    /// (shared by every Auth replica, as uploads are); left empty, an <c>uploads/exports</c> folder
    /// beside the SQLite database, or <c>data/uploads/exports</c> under the content root.
    /// </summary>
    public string? ExportsPath { get; set; }

    /// <summary>How many times an export that fails other than by a service's HTTP error is tried before it is marked failed.</summary>
    [Range(1, 20)]
    public int ExportMaxAttempts { get; set; } = 5;

    /// <summary>The wait after an export's first failed attempt; it doubles with each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ExportRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When expired export archives (and archives no export names) are deleted: a cron expression, UTC; hourly by default.</summary>
    public string ExportPurgeSchedule { get; set; } = "20 * * * *";

    public Uri BaseAddressOf(string service) => new(ServiceAddresses.Of(service));
}
