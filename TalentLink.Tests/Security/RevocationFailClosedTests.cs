using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalentLink.Data;
using TalentLink.Tests.Messaging;

namespace TalentLink.Tests.Security;

/// <summary>
/// A service that cannot read the revocation feed fails closed: before its first good poll, and once
/// the last good poll is older than Identity:RevocationStaleAfter, it refuses user tokens and reports
/// Degraded; when the feed answers again it accepts them again (docs/security.md).
/// </summary>
[Trait("Category", "integration")]
public sealed class RevocationFailClosedTests(RevocationFailClosedTests.Factory factory) : IClassFixture<RevocationFailClosedTests.Factory>
{
    [Fact]
    public async Task A_service_refuses_user_tokens_while_it_cannot_read_revocations_and_accepts_them_again_after()
    {
        var user = await factory.AuthClient().NewUserAsync(Roles.Candidate);
        var client = factory.CreateClient().WithToken(user.AccessToken);

        // The feed has been down since the service started: no good poll yet.
        await (await client.GetAsync("/api/messaging/conversations")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Degraded", await factory.CreateClient().GetStringAsync("/health"));

        factory.Feed.Down = false;
        await EventuallyAsync(client, HttpStatusCode.OK);
        Assert.Equal("Healthy", await factory.CreateClient().GetStringAsync("/health"));

        // Down again: accepted within the window, refused once it has passed.
        factory.Feed.Down = true;
        await EventuallyAsync(client, HttpStatusCode.Unauthorized);
        Assert.Equal("Degraded", await factory.CreateClient().GetStringAsync("/health"));
    }

    private static async Task EventuallyAsync(HttpClient client, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        while ((status = (await client.GetAsync("/api/messaging/conversations")).StatusCode) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still {(int)status}, expected {(int)expected}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Messaging whose revocation feed is switched on and off by the test; a one-second window.</summary>
    public sealed class Factory() : MessagingFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?>
    {
        ["Identity:RevocationPollInterval"] = "00:00:00.100",
        ["Identity:RevocationStaleAfter"] = "00:00:01",
    })
    {
        public SwitchableFeed Feed { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<ITokenRevocationFeed>(Feed)));
        }
    }

    public sealed class SwitchableFeed : ITokenRevocationFeed
    {
        public volatile bool Down = true;

        public Task<IReadOnlyList<TokenRevocation>> ReadAfterAsync(long afterId, CancellationToken cancellationToken) =>
            Down ? throw new HttpRequestException("Auth is down (test)") : Task.FromResult<IReadOnlyList<TokenRevocation>>([]);
    }
}
