using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TalentLink.ServiceDefaults;

/// <summary>
/// Calls from one TalentLink service to another. A dependency that cannot be reached, times out,
/// answers 5xx or breaks its contract surfaces as <see cref="DependencyUnavailableException"/>,
/// which an endpoint turns into a clear 503 before it writes anything.
/// </summary>
public static class DependencyCalls
{
    public static async Task<HttpResponseMessage> SendToDependencyAsync(
        this HttpClient client, HttpRequestMessage request, string service, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new DependencyUnavailableException(service, "cannot be reached", ex);
        }
        catch (Polly.ExecutionRejectedException ex)
        {
            // The resilience pipeline gave up: circuit open or attempt timed out.
            throw new DependencyUnavailableException(service, "did not answer in time", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DependencyUnavailableException(service, "did not answer in time", ex);
        }

        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new DependencyUnavailableException(service, $"answered {status}");
        }

        return response;
    }

    /// <summary>Reads a successful response's JSON body; anything else is a broken contract.</summary>
    public static async Task<T> ReadDependencyJsonAsync<T>(
        this HttpResponseMessage response, string service, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new DependencyUnavailableException(service, $"answered {(int)response.StatusCode}");
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(options, cancellationToken)
                ?? throw new DependencyUnavailableException(service, "answered with an empty body");
        }
        catch (JsonException ex)
        {
            throw new DependencyUnavailableException(service, "answered with an unexpected body", ex);
        }
    }

    /// <summary>A successful response without a body we need; anything else is a broken contract.</summary>
    public static void EnsureDependencySuccess(this HttpResponseMessage response, string service)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new DependencyUnavailableException(service, $"answered {(int)response.StatusCode}");
        }
    }
}

/// <summary>Another TalentLink service could not do its part of the current request.</summary>
public sealed class DependencyUnavailableException(string service, string reason, Exception? inner = null)
    : Exception($"The {service} service {reason}.", inner)
{
    public string Service { get; } = service;

    /// <summary>A 503 ProblemDetails naming the service; callers return it before writing anything.</summary>
    public ProblemHttpResult ToProblem() => TypedResults.Problem(
        $"The {Service} service is unavailable, so nothing was changed. Try again shortly.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "A required service is unavailable",
        extensions: new Dictionary<string, object?> { ["service"] = Service });
}
