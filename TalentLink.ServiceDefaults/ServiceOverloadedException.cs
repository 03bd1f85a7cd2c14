namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Thrown where a service sheds load: the work would only queue into a timeout, so the client is
/// told at once to come back later. <see cref="ProblemDetailsExtensions"/> answers it with
/// 503 Service Unavailable, a <c>Retry-After</c> header and a ProblemDetails saying what was busy.
/// </summary>
public sealed class ServiceOverloadedException(string detail, TimeSpan retryAfter) : Exception(detail)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
