using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using TalentLink;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Which client address a service sees. Behind the gateway, the services take it from the
/// <c>X-Forwarded-For</c> the gateway set, but only on a request that carries the gateway's key
/// (<see cref="PlatformHeaders.GatewayKey"/>, compared in constant time with <c>ForwardedHeaders:GatewayKey</c>).
/// Any other caller, one that reaches a service directly, is known by its socket address whatever
/// headers it sends, so it can neither choose the address the audit trail records nor a sign-in
/// rate-limit bucket of its own. With no key configured, forwarded headers are never trusted.
/// <para>
/// A key rather than the gateway's address: locally every resource listens on loopback, and in
/// Azure Container Apps the gateway's replicas have no fixed address inside the environment, so an
/// address rule could not tell the gateway from another caller on the same network.
/// </para>
/// </summary>
public static class GatewayForwardingExtensions
{
    public const string GatewayKeySetting = "ForwardedHeaders:GatewayKey";

    /// <summary>
    /// Applies the gateway's <c>X-Forwarded-For</c> (its last entry, the one the gateway set) to
    /// requests that present the gateway's key. The gateway itself turns this off
    /// (<c>ForwardedHeaders:FromGateway=false</c>): it applies its own trusted-proxy rule.
    /// </summary>
    public static WebApplication UseForwardedHeadersFromGateway(this WebApplication app)
    {
        if (!app.Configuration.GetValue("ForwardedHeaders:FromGateway", true))
        {
            return app;
        }

        var key = app.Configuration[GatewayKeySetting];
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };

        // The key, not the peer's address, is what is trusted: any peer that presents it.
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        app.UseWhen(context => PresentsGatewayKey(context, key), branch => branch.UseForwardedHeaders(forwarded));
        return app;
    }

    private static bool PresentsGatewayKey(HttpContext context, string? key) =>
        !string.IsNullOrEmpty(key)
        && context.Request.Headers[PlatformHeaders.GatewayKey].ToString() is { Length: > 0 } presented
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
}
