using System.ComponentModel.DataAnnotations;

namespace TalentLink.Gateway.Extensions;

/// <summary>The <c>Gateway</c> configuration section: limits and policies at the edge.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The largest request body accepted (uploads included). Default 12 MB.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxRequestBodySize { get; set; } = 12 * 1024 * 1024;

    /// <summary>Requests per client address per window, across all routes.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPermits { get; set; } = 600;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests proxied at once across all clients; past it they wait in line (see <see cref="OverloadShedding"/>).</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>
    /// Requests that may wait for a turn; past it a request is refused at once with 503. The default,
    /// 1,024, holds three seconds of the 1,000-user load's 330 requests a second.
    /// </summary>
    [Range(0, 1_000_000)]
    public int RequestQueueLimit { get; set; } = 1024;

    /// <summary>
    /// The longest a request waits for a turn once the line has stood for <see cref="OverloadAfter"/>
    /// (default 100 ms): what bounds an admitted request's latency when the platform is past its
    /// throughput, since a line of fixed length is a longer wait the slower the platform serves it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The longest a request waits for a turn while the line has stood for less than
    /// <see cref="OverloadAfter"/> (default 2 s): a stall behind the gateway (a commit waiting on the
    /// disk for up to a second, a write held a few seconds while a database moves) delays requests
    /// instead of failing them. To let a hold of H seconds wait, set this and <see cref="OverloadAfter"/>
    /// above H and <see cref="RequestQueueLimit"/> above H × the request rate.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BurstQueueWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the line must stand (every arrival finding all turns taken) before the gateway treats
    /// it as a sustained overload and new arrivals wait only <see cref="MaxQueueWait"/> (default 2 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan OverloadAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Browser origins allowed to call the API; empty means same-origin only.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Proxies in front of the gateway whose <c>X-Forwarded-For</c> is believed (see
    /// <see cref="Extensions.TrustedProxies"/>): addresses or CIDR networks, separated by commas.
    /// Empty by default: the client is the peer. Set at deployment to the ingress's ranges.
    /// </summary>
    public string TrustedProxies { get; set; } = "";

    /// <summary>
    /// The key the gateway adds to every proxied request (<c>X-TalentLink-Gateway-Key</c>), by which
    /// the services know the forwarded client address is the gateway's word; the AppHost generates it.
    /// </summary>
    public string ForwardingKey { get; set; } = "";

    /// <summary>The services behind the gateway, by resource name; each gets /api/{name}/… and its OpenAPI document.</summary>
    public string[] Services { get; set; } = [];
}
