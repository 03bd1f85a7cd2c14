using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using TalentLink.Audit.Model;
using TalentLink.Auth.Model;
using TalentLink.Auth.Services;
using TalentLink.Data;

namespace TalentLink.Tests.Auth;

/// <summary>
/// Signing keys rotate on a fake clock (see <see cref="ClockedAuthFactory"/>); tokens keep real time,
/// so a token refused after its key retired is refused for its key, not for its age.
/// </summary>
[Trait("Category", "integration")]
public sealed class SigningKeyRotationTests
{
    private static readonly TimeSpan Rotation = TimeSpan.FromDays(30);
    private static readonly TimeSpan PublishAhead = TimeSpan.FromMinutes(30);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task After_30_days_a_new_key_signs_the_old_one_validates_until_its_tokens_expired_and_is_then_refused(DatabaseProvider provider)
    {
        var start = DateTimeOffset.UtcNow;
        await using var auth = new ClockedAuthFactory(provider, new FakeTimeProvider(start));
        await auth.InitializeAsync();
        var store = auth.Services.GetRequiredService<SigningKeyStore>();
        var rotation = auth.Services.GetRequiredService<SigningKeyRotation>();
        var email = (await auth.CreateClient().NewUserAsync(Roles.Candidate)).User.Email;
        var oldKey = store.Current.KeyId;

        // Half an hour before the 30 days are up the successor is published, not yet used.
        auth.Clock.SetUtcNow(start + Rotation - PublishAhead);
        await rotation.RotateAsync(default);
        var published = await KeyIdsAsync(auth);
        Assert.Equal(2, published.Count);
        Assert.Contains(oldKey, published);
        var newKey = Assert.Single(published, k => k != oldKey);
        Assert.Equal(oldKey, store.Current.KeyId);

        auth.Clock.SetUtcNow(start + Rotation - TimeSpan.FromMinutes(1));
        var oldToken = (await auth.CreateClient().SignInAsync(email)).AccessToken;
        Assert.Equal(oldKey, new JsonWebToken(oldToken).Kid);

        // At 30 days the new key signs; the old one's tokens still validate, and the key set has both.
        auth.Clock.SetUtcNow(start + Rotation);
        await rotation.RotateAsync(default);
        var newToken = (await auth.CreateClient().SignInAsync(email)).AccessToken;
        Assert.Equal(newKey, new JsonWebToken(newToken).Kid);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(auth, oldToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(auth, newToken));
        Assert.Equal([newKey, oldKey], await KeyIdsAsync(auth));

        // Once every token the old key signed has expired, it is deleted and refused.
        auth.Clock.SetUtcNow(start + Rotation + store.RetirementDelay);
        await rotation.RotateAsync(default);
        Assert.Equal([newKey], await KeyIdsAsync(auth));
        Assert.Equal(1, await StoredSigningKeys.CountAsync(auth.Database));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(auth, oldToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(auth, newToken));
        await auth.DisposeAsync();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_service_that_fetched_the_key_set_while_the_successor_was_published_accepts_the_first_token_it_signs(DatabaseProvider provider)
    {
        var start = DateTimeOffset.UtcNow;
        await using var auth = new ClockedAuthFactory(provider, new FakeTimeProvider(start));
        await auth.InitializeAsync();
        var user = await auth.CreateClient().NewUserAsync(Roles.Candidate);
        auth.Clock.SetUtcNow(start + Rotation - PublishAhead);
        await auth.Services.GetRequiredService<SigningKeyRotation>().RotateAsync(default);

        // The service reads the key set now (services keep it for 10 minutes, PublishAhead is 30).
        await using var audit = new ServiceFactory<AuditServices>(provider, ResourceNames.AuditDb) { Identity = auth };
        await audit.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, await MyDownloadsAsync(audit, user.AccessToken));

        auth.Clock.SetUtcNow(start + Rotation);
        var newToken = (await auth.CreateClient().SignInAsync(user.User.Email)).AccessToken;
        Assert.NotEqual(new JsonWebToken(user.AccessToken).Kid, new JsonWebToken(newToken).Kid);
        Assert.Equal(HttpStatusCode.OK, await MyDownloadsAsync(audit, newToken));
        await audit.DisposeAsync();
        await auth.DisposeAsync();
    }

    /// <summary>
    /// What PublishAhead is for: JwtBearer (IdentityModel 8) refuses a token whose kid is not in its
    /// cached key set ("The signature key was not found") and only asks for a refresh, done in the
    /// background (at most every 30 s, see <c>UseDiscovery</c>); the requests after it succeed.
    /// </summary>
    [Fact]
    public async Task A_service_that_has_not_seen_a_new_key_fetches_the_key_set_again_and_then_accepts_its_tokens()
    {
        var start = DateTimeOffset.UtcNow;
        await using var auth = new ClockedAuthFactory(DatabaseProvider.Sqlite, new FakeTimeProvider(start),
            new Dictionary<string, string?> { ["Auth:SigningKeys:PublishAhead"] = "00:00:00" });
        await auth.InitializeAsync();
        await using var audit = new ServiceFactory<AuditServices>(DatabaseProvider.Sqlite, ResourceNames.AuditDb) { Identity = auth };
        await audit.InitializeAsync();
        var user = await auth.CreateClient().NewUserAsync(Roles.Candidate);
        Assert.Equal(HttpStatusCode.OK, await MyDownloadsAsync(audit, user.AccessToken));

        auth.Clock.SetUtcNow(start + Rotation);
        await auth.Services.GetRequiredService<SigningKeyRotation>().RotateAsync(default);
        var newToken = (await auth.CreateClient().SignInAsync(user.User.Email)).AccessToken;
        Assert.NotEqual(new JsonWebToken(user.AccessToken).Kid, new JsonWebToken(newToken).Kid);

        var accepted = false;
        for (var attempt = 0; attempt < 50 && !accepted; attempt++)
        {
            accepted = await MyDownloadsAsync(audit, newToken) == HttpStatusCode.OK;
            if (!accepted)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(accepted, "The service never fetched the key set again.");
        Assert.Equal(HttpStatusCode.OK, await MyDownloadsAsync(audit, user.AccessToken));
        await audit.DisposeAsync();
        await auth.DisposeAsync();
    }

    private static async Task<HttpStatusCode> MyDownloadsAsync(ServiceFactory<AuditServices> audit, string token) =>
        (await audit.CreateClient().WithToken(token).GetAsync("/api/audit/me/file-downloads")).StatusCode;

    private static async Task<List<string>> KeyIdsAsync(AuthFactory auth)
    {
        var json = await auth.CreateClient().GetStringAsync("/.well-known/jwks.json");
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("keys").EnumerateArray()
            .Select(k => k.GetProperty("kid").GetString()!).ToList();
    }

    private static async Task<HttpStatusCode> MeAsync(AuthFactory auth, string token) =>
        (await auth.CreateClient().WithToken(token).GetAsync("/api/auth/me")).StatusCode;
}
