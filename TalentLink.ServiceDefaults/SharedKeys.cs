using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace TalentLink.ServiceDefaults;

/// <summary>
/// Keys the AppHost generates and hands to the two ends of an internal call (the dashboard's
/// operations commands, the services recording into the audit trail), presented in a header.
/// </summary>
public static class SharedKeys
{
    /// <summary>Whether the request carries <paramref name="key"/> in <paramref name="header"/>; never when no key is configured.</summary>
    public static bool Presented(AuthorizationHandlerContext context, string header, string? key) =>
        !string.IsNullOrEmpty(key)
        && context.Resource is HttpContext http
        && http.Request.Headers[header].ToString() is { Length: > 0 } presented
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
}
