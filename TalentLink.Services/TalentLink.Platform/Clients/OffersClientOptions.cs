using System.ComponentModel.DataAnnotations;

namespace TalentLink.Platform.Clients;

/// <summary>The <c>Offers</c> configuration section of a service that asks Offers: where it is and how long to wait.</summary>
public sealed class OffersClientOptions
{
    public const string SectionName = "Offers";

    /// <summary>The Offers service's address: its service-discovery name unless configured.</summary>
    [Required]
    public Uri Url { get; set; } = new(ServiceAddresses.Of(ResourceNames.Offers));

    /// <summary>The whole budget of one question to Offers, retries included; past it the caller decides without Offers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);
}
