using System.Diagnostics;
using System.Net.Http.Headers;

namespace TalentLink.Benchmarks.Load;

/// <summary>
/// The generator's one HTTP client (a pooled <see cref="SocketsHttpHandler"/> bounded to a number of
/// connections), and a timed send that records each request under its operation name.
/// </summary>
internal sealed class TimedHttp(Uri baseAddress, int maxConnections) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public HttpClient Client => _http;

    /// <summary>Sends, reads the whole body, records latency and (for anything but 2xx) the failure; returns the body on success.</summary>
    public async Task<string?> SendAsync(LatencyRecorder recorder, string operation, HttpRequestMessage request, string? token = null) =>
        (await SendForOutcomeAsync(recorder, operation, request, token)).Body;

    /// <summary>As <see cref="SendAsync"/>, with the failure ("503", "timeout", …; null on success).</summary>
    public async Task<(string? Body, string? Error)> SendForOutcomeAsync(LatencyRecorder recorder, string operation, HttpRequestMessage request, string? token = null)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var started = Stopwatch.GetTimestamp();
        string? body = null;
        string? error;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var text = await response.Content.ReadAsStringAsync();
            error = response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            body = error is null ? text : null;
        }
        catch (TaskCanceledException)
        {
            error = "timeout";
        }
        catch (HttpRequestException ex)
        {
            error = ex.HttpRequestError.ToString();
        }
        finally
        {
            request.Dispose();
        }

        recorder.Record(operation, started, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error);
        return (body, error);
    }

    public void Dispose() => _http.Dispose();
}
