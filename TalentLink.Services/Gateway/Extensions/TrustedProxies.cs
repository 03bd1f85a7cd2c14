using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace TalentLink.Gateway.Extensions;

/// <summary>
/// The client address at the edge: the peer's socket address, unless the peer is one of
/// <see cref="GatewayOptions.TrustedProxies"/> (the ingress, a web front end), whose
/// <c>X-Forwarded-For</c> then names the client. Entries are read from the right, past every
/// trusted proxy, so a client cannot choose its own address by sending the header itself. With no
/// trusted proxy configured (the default), the header is ignored. The rate limit and the address
/// forwarded to the services both follow this.
/// </summary>
internal static class TrustedProxies
{
    /// <summary>Addresses (<c>10.0.0.7</c>) and networks (<c>10.0.0.0/16</c>), separated by commas or spaces.</summary>
    public static IReadOnlyList<IPNetwork> Parse(string? list) =>
        (list ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Contains('/') ? IPNetwork.Parse(entry) : Single(IPAddress.Parse(entry)))
            .ToList();

    private static IPNetwork Single(IPAddress address) => new(address, address.GetAddressBytes().Length * 8);

    public static bool IsValid(string? list)
    {
        try
        {
            Parse(list);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }

    public static ForwardedHeadersOptions ForwardedHeaders(string? list)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,

            // Walk back through every trusted hop (a front end behind the ingress), stopping at the first other address.
            ForwardLimit = null,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var network in Parse(list))
        {
            options.KnownIPNetworks.Add(network);
        }

        return options;
    }
}
