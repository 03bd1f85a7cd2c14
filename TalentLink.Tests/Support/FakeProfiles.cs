using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace TalentLink.Tests.Support;

/// <summary>
/// The Profiles service's side of the moderation contract, in memory: <c>POST /api/profiles/{userId}/hide</c>
/// (admin; 404 for an unknown profile). Set <see cref="IsDown"/> to refuse every connection.
/// </summary>
public sealed partial class FakeProfiles
{
    private readonly ConcurrentDictionary<Guid, bool> _profiles = new();

    public bool IsDown { get; set; }

    public void AddProfile(Guid userId) => _profiles[userId] = false;

    public bool IsHidden(Guid userId) => _profiles.GetValueOrDefault(userId);

    public HttpMessageHandler CreateHandler() => new Handler(this);

    private sealed class Handler(FakeProfiles profiles) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (profiles.IsDown)
            {
                throw new HttpRequestException("Connection refused (profiles:80)");
            }

            if (FakeCaller.From(request) is not { } caller)
            {
                return Task.FromResult(FakeResponses.Status(HttpStatusCode.Unauthorized));
            }

            if (request.Method == HttpMethod.Post && HidePath().Match(request.RequestUri!.AbsolutePath) is { Success: true } hide)
            {
                var userId = Guid.Parse(hide.Groups[1].Value);
                if (!caller.IsAdmin)
                {
                    return Task.FromResult(FakeResponses.Status(HttpStatusCode.Forbidden));
                }

                if (!profiles._profiles.ContainsKey(userId))
                {
                    return Task.FromResult(FakeResponses.Status(HttpStatusCode.NotFound));
                }

                profiles._profiles[userId] = true;
                return Task.FromResult(FakeResponses.Status(HttpStatusCode.NoContent));
            }

            return Task.FromResult(FakeResponses.Status(HttpStatusCode.NotFound));
        }
    }

    [GeneratedRegex("^/api/profiles/([0-9a-fA-F-]{36})/hide$")]
    private static partial Regex HidePath();
}
