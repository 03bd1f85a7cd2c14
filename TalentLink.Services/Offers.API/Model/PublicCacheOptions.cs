using System.ComponentModel.DataAnnotations;

namespace TalentLink.Offers.Model;

/// <summary>The <c>PublicCache</c> section: how long public offer reads are served from memory.</summary>
public sealed class PublicCacheOptions
{
    public const string SectionName = "PublicCache";

    /// <summary>
    /// The longest an entry is served (default 10 s); zero turns the cache off. Every committed write to
    /// an offer evicts the whole cache at once, so this bounds only what eviction cannot see: another
    /// instance's writes, and a read that began before a write and finished after it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Memory the cached responses may take (default 32 MB); the least recently used go first.</summary>
    [Range(1024 * 1024, 1L << 32)]
    public long SizeLimitBytes { get; set; } = 32 * 1024 * 1024;
}
