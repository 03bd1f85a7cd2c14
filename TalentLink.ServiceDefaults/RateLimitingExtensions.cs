using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Microsoft.Extensions.Hosting;

/// <summary>Per-client fixed windows, refused with 429 ProblemDetails and a Retry-After header.</summary>
public static class RateLimitingExtensions
{
    /// <summary>One fixed window per client address (behind the gateway, the address it forwarded).</summary>
    public static RateLimitPartition<string> PerClientFixedWindow(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });

    /// <summary>429 for a refused request, telling the client when to retry; the body is the usual ProblemDetails.</summary>
    public static RateLimiterOptions RejectWithRetryAfter(this RateLimiterOptions limiter)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return ValueTask.CompletedTask;
        };
        return limiter;
    }
}
