namespace TalentLink.Gateway.Extensions;

/// <summary>
/// Bounds the work the gateway lets into the platform: at most
/// <see cref="GatewayOptions.MaxConcurrentRequests"/> requests are proxied at once, up to
/// <see cref="GatewayOptions.RequestQueueLimit"/> more wait for a turn (first come, first served),
/// and anything past that is answered with 503, <c>Retry-After</c> and a ProblemDetails. A waiter
/// waits up to <see cref="GatewayOptions.BurstQueueWait"/> (2 s) while the line is a hiccup, and
/// only <see cref="GatewayOptions.MaxQueueWait"/> (100 ms) once it has stood for
/// <see cref="GatewayOptions.OverloadAfter"/> (2 s) (see <see cref="AdmissionGate"/>): a stall of a
/// second in one service delays requests, a sustained overload is shed within 100 ms of arrival.
/// <para>
/// Without a bound, a platform pushed past what its cores can serve queues everything: every
/// request's latency grows until clients time out, including the ones it could have served. With
/// it, the admitted requests keep their latency and the rest learn at once to come back. Long-lived
/// connections (the messaging hub's WebSockets) are not counted: they would hold a turn for hours; nor
/// are the health probes, so an overloaded gateway is not mistaken for a dead one.
/// </para>
/// </summary>
internal sealed class OverloadShedding(GatewayOptions options)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly AdmissionGate _gate = new(
        options.MaxConcurrentRequests,
        options.RequestQueueLimit,
        new AdmissionWaits(options.BurstQueueWait > options.MaxQueueWait ? options.BurstQueueWait : options.MaxQueueWait, options.MaxQueueWait, options.OverloadAfter));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.WebSockets.IsWebSocketRequest || context.Request.Path.StartsWithSegments("/hubs")
            || context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
        {
            await next(context);
            return;
        }

        using var turn = await _gate.TryEnterAsync(context.RequestAborted);
        if (turn is null)
        {
            context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(
                    "The platform is serving as many requests as it can right now. Try again in a moment.",
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "The service is busy.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
