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

    public Uri BaseAddressOf(string service) => new($"http://{service}");
}
