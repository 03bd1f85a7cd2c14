using Microsoft.Extensions.Time.Testing;
using TalentLink.Data;

namespace TalentLink.Tests.Auth;

/// <summary>
/// The per-account back-off after wrong passwords, on a fake clock: 5 free, then 1 s, 2 s, 4 s …
/// up to the cap (3 s here); refused attempts do not lengthen a wait, and the owner's password after it signs in.
/// </summary>
[Trait("Category", "integration")]
public sealed class SignInBackoffTests : IAsyncLifetime
{
    private const string WrongPassword = "Wrong-Password-1";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ClockedAuthFactory _auth;

    public SignInBackoffTests() =>
        _auth = new ClockedAuthFactory(DatabaseProvider.Sqlite, _clock, new Dictionary<string, string?> { ["Auth:SignInBackoff:MaxDelay"] = "00:00:03" });

    [Fact]
    public async Task Past_five_wrong_passwords_the_account_waits_and_the_right_password_after_the_wait_signs_in()
    {
        var (client, email) = await NewAccountAsync();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await (await SignInAsync(client, email, WrongPassword)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        var paused = await SignInAsync(client, email, AuthClient.Password);
        var problem = await paused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Sign-in paused", problem.GetProperty("title").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), paused.Headers.RetryAfter?.Delta);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, email, AuthClient.Password)).StatusCode);

        // The success cleared the count: five wrong passwords are free again.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await (await SignInAsync(client, email, WrongPassword)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, email, AuthClient.Password)).StatusCode);
    }

    [Fact]
    public async Task Each_further_wrong_password_doubles_the_wait_up_to_the_cap()
    {
        var (client, email) = await NewAccountAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await (await SignInAsync(client, email, WrongPassword)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        foreach (var expected in new[] { 1, 2, 3, 3 })
        {
            await (await SignInAsync(client, email, WrongPassword)).AssertProblemAsync(HttpStatusCode.Unauthorized);
            var paused = await SignInAsync(client, email, WrongPassword);
            await paused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal(TimeSpan.FromSeconds(expected), paused.Headers.RetryAfter?.Delta);
            _clock.Advance(TimeSpan.FromSeconds(expected));
        }
    }

    [Fact]
    public async Task Guessing_during_a_wait_does_not_lengthen_it_so_the_owner_is_never_kept_out_for_longer()
    {
        var (client, email) = await NewAccountAsync();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await (await SignInAsync(client, email, WrongPassword)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        // An attacker keeps guessing through the wait: every guess is refused unchecked.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await (await SignInAsync(client, email, WrongPassword)).AssertProblemAsync(HttpStatusCode.TooManyRequests);
            _clock.Advance(TimeSpan.FromMilliseconds(40));
        }

        _clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, email, AuthClient.Password)).StatusCode);
    }

    private async Task<(HttpClient Client, string Email)> NewAccountAsync()
    {
        var client = _auth.CreateClient();
        var email = AuthClient.NewEmail();
        await client.RegisterAsync(email, "candidate");
        return (client, email);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/sign-in", new { email, password });

    public Task InitializeAsync() => _auth.InitializeAsync();

    public async Task DisposeAsync() => await _auth.DisposeAsync();
}
