using System.ComponentModel.DataAnnotations;

namespace TalentLink.Offers.Model;

/// <summary>The <c>Uploads</c> configuration section: where CVs and cover letters are kept, and how big they may be.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>
    /// The uploads folder. The AppHost sets it under the data directory; left empty, it is an
    /// <c>uploads</c> folder beside the SQLite database, or <c>data/uploads</c> under the content root.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The largest file accepted, in bytes (default 5 MB).</summary>
    [Range(1, 1L << 30)]
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;
}

/// <summary>The <c>Profiles</c> section: where the Profiles service is (a service-discovery name by default).</summary>
public sealed class ProfilesOptions
{
    public const string SectionName = "Profiles";

    [Required]
    public string Url { get; set; } = ServiceAddresses.Of(ResourceNames.Profiles);
}
