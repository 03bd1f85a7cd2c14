using System.ComponentModel.DataAnnotations;

namespace TalentLink.Profiles.Model;

/// <summary>The <c>Offers</c> configuration section: where the Offers service is and how long Profiles waits for it.</summary>
public sealed class OffersOptions
{
    public const string SectionName = "Offers";

    /// <summary>A service-discovery name by default.</summary>
    [Required]
    public string Url { get; set; } = $"http://{ResourceNames.Offers}";

    /// <summary>The whole budget of one question to Offers, retries included; past it Profiles answers without Offers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);
}
