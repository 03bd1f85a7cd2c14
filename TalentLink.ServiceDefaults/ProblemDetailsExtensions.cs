using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Every error leaves a service as an RFC 9457 ProblemDetails: unhandled exceptions, bad request
/// bodies, and bare status codes such as 401, 403, 404 and 429.
/// </summary>
public static class ProblemDetailsExtensions
{
    public static TBuilder AddDefaultProblemDetails<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Binding failures throw, so the handler below answers them with a precise problem, not a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
                context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);

                // A malformed body or a parameter of the wrong type: say what was wrong, never how we failed.
                if (context.Exception is BadHttpRequestException badRequest)
                {
                    context.ProblemDetails.Status = badRequest.StatusCode;
                    context.ProblemDetails.Title = "The request is malformed.";
                    context.ProblemDetails.Detail = BadRequestMessages.Describe(badRequest);
                    if (BadRequestMessages.Field(badRequest) is { } field)
                    {
                        context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [context.ProblemDetails.Detail] };
                    }
                }

                // Load shed on purpose: say what was busy and when to come back.
                if (context.Exception is ServiceOverloadedException overloaded)
                {
                    context.ProblemDetails.Status = StatusCodes.Status503ServiceUnavailable;
                    context.ProblemDetails.Title = "The service is busy.";
                    context.ProblemDetails.Detail = overloaded.Message;
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(overloaded.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            });

        return builder;
    }

    public static WebApplication UseDefaultErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException badRequest => badRequest.StatusCode,
                ServiceOverloadedException => StatusCodes.Status503ServiceUnavailable,
                OperationCanceledException => StatusCodes.Status499ClientClosedRequest,
                _ => StatusCodes.Status500InternalServerError,
            },

            // A client's malformed request, or load shed on purpose, is not a server error worth an error log.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException or ServiceOverloadedException,
        });
        app.UseStatusCodePages();
        return app;
    }
}
