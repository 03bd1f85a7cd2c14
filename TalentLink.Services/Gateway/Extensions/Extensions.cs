using Yarp.ReverseProxy.Transforms;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace TalentLink.Gateway.Extensions;

internal static class Extensions
{
    public const string CorsPolicy = "talentlink-clients";

    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        var options = builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => TrustedProxies.IsValid(o.TrustedProxies), "Gateway:TrustedProxies must list IP addresses or CIDR networks (10.0.0.0/16), separated by commas.")
            .ValidateOnStart()
            .ValidateNow(builder.Configuration, GatewayOptions.SectionName);

        builder.Services.AddReverseProxy()
            .LoadFromMemory(GatewayRoutes.Routes(options.Services), GatewayRoutes.Clusters(options.Services))
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(transforms =>
            {
                // The services believe X-Forwarded-For only beside this key; a client's own copy of the header never gets through.
                transforms.AddRequestTransform(context =>
                {
                    context.ProxyRequest.Headers.Remove(PlatformHeaders.GatewayKey);
                    if (options.ForwardingKey.Length > 0)
                    {
                        context.ProxyRequest.Headers.TryAddWithoutValidation(PlatformHeaders.GatewayKey, options.ForwardingKey);
                    }

                    return ValueTask.CompletedTask;
                });
            });

        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize);

        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (options.AllowedOrigins.Length > 0)
            {
                policy.WithOrigins(options.AllowedOrigins).AllowAnyHeader().AllowAnyMethod().AllowCredentials();
            }
        }));

        builder.Services.AddRateLimiter(limiter => limiter.RejectWithRetryAfter().GlobalLimiter =
            PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
                return RateLimitingExtensions.PerClientFixedWindow(context, settings.RateLimitPermits, settings.RateLimitWindow);
            }));
    }

    public static void UseGateway(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;

        // First: the rate limit and the address forwarded to the services are the client's, as trusted proxies report it.
        app.UseForwardedHeaders(TrustedProxies.ForwardedHeaders(options.TrustedProxies));
        app.UseCors(CorsPolicy);
        app.UseRateLimiter();
        app.Use(RejectOversizedBodies(options.MaxRequestBodySize));
        app.Use(new OverloadShedding(options).InvokeAsync);
        app.UseWebSockets();

        // One interactive reference for every service, reading the documents proxied under /openapi/{service}.json.
        app.MapScalarApiReference("/api-reference", scalar =>
        {
            scalar.WithTitle("TalentLink API");
            foreach (var service in options.Services)
            {
                scalar.AddDocument(service, service, GatewayRoutes.OpenApiPath(service));
            }
        });

        app.MapReverseProxy();
    }

    /// <summary>
    /// Refuses a declared body over the limit with 413 before anything is proxied; Kestrel's own
    /// limit still cuts off chunked bodies that grow past it.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> RejectOversizedBodies(long limit) => async (context, next) =>
    {
        if (context.Request.ContentLength > limit)
        {
            await Results.Problem(
                    $"The request body is {context.Request.ContentLength} bytes; the limit is {limit} bytes.",
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "Request too large")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    };
}
