using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Service-to-service calls made on behalf of a user carry that user's bearer token, so the called
/// service applies its own authorization rules to the same caller (as eShop's <c>AddAuthToken</c>).
/// </summary>
public static class HttpClientAuthorizationExtensions
{
    public static IHttpClientBuilder AddAuthToken(this IHttpClientBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddTransient<ForwardedBearerTokenHandler>();
        return builder.AddHttpMessageHandler<ForwardedBearerTokenHandler>();
    }

    private sealed class ForwardedBearerTokenHandler(IHttpContextAccessor httpContextAccessor) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = httpContextAccessor.HttpContext?.Request.Headers.Authorization.ToString();
            if (request.Headers.Authorization is null
                && AuthenticationHeaderValue.TryParse(header, out var incoming)
                && string.Equals(incoming.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
                && !string.IsNullOrEmpty(incoming.Parameter))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", incoming.Parameter);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
