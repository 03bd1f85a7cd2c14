using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TalentLink.Auth.Model;
using TalentLink.Auth.Services;
using TalentLink.Data;

namespace TalentLink.Tests.Auth;

/// <summary>
/// Password hashing (PBKDF2) is bounded: a burst of sign-ins may use only some of the cores, and
/// past a queue of waiting sign-ins new ones are told to come back instead of timing out.
/// </summary>
[Trait("Category", "integration")]
public sealed class PasswordHashingTests
{
    [Fact]
    public async Task No_more_hashes_run_at_once_than_the_configured_concurrency()
    {
        var hasher = new GatedHasher();
        var hashing = new PasswordHashing(hasher, Options(concurrency: 2, maxQueue: 32));

        // Each caller on a thread of its own, so the thread pool's size cannot be what limits them.
        var signIns = Enumerable.Range(0, 12).Select(_ => Task.Factory.StartNew(
            () => hashing.VerifyAsync(Someone(), "hash", "password", CancellationToken.None), TaskCreationOptions.LongRunning).Unwrap()).ToList();
        await hasher.WaitForRunningAsync(2);
        await Task.Delay(100);
        Assert.Equal(2, hasher.Running);

        hasher.Open();
        var results = await Task.WhenAll(signIns);
        Assert.All(results, result => Assert.Equal(PasswordVerificationResult.Success, result));
        Assert.Equal(2, hasher.MostAtOnce);
        Assert.Equal(0, hashing.InFlight);
    }

    [Fact]
    public async Task Once_the_queue_is_full_a_new_hash_is_refused_at_once_and_the_queued_ones_still_finish()
    {
        var hasher = new GatedHasher();
        var hashing = new PasswordHashing(hasher, Options(concurrency: 1, maxQueue: 2));

        var admitted = Enumerable.Range(0, 3).Select(_ => Task.Run(() => hashing.HashAsync(Someone(), "password", CancellationToken.None))).ToList();
        await hasher.WaitForRunningAsync(1);
        while (hashing.InFlight < 3)
        {
            await Task.Delay(5);
        }

        var refused = await Assert.ThrowsAsync<ServiceOverloadedException>(() => hashing.HashAsync(Someone(), "password", CancellationToken.None));
        Assert.True(refused.RetryAfter > TimeSpan.Zero);

        hasher.Open();
        Assert.All(await Task.WhenAll(admitted), hash => Assert.Equal("hashed", hash));
        Assert.Equal(0, hashing.InFlight);
    }

    [Fact]
    public async Task A_sign_in_shed_under_a_burst_is_a_503_problem_with_retry_after_and_the_rest_succeed()
    {
        await using var factory = new AuthFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Auth:PasswordHashing:Concurrency"] = "1",
            ["Auth:PasswordHashing:MaxQueue"] = "0",
        });
        await factory.InitializeAsync();
        var client = factory.CreateClient();
        var email = AuthClient.NewEmail("candidate");
        await client.RegisterAsync(email, "candidate");

        var burst = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = AuthClient.Password })));

        Assert.All(burst, response => Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(burst, response => response.StatusCode == HttpStatusCode.OK);
        var shed = burst.First(response => response.StatusCode == HttpStatusCode.ServiceUnavailable);
        var problem = await shed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The service is busy.", problem.GetProperty("title").GetString());
        Assert.NotNull(shed.Headers.RetryAfter?.Delta);

        // Once the burst is over, signing in works again.
        await client.SignInAsync(email);
    }

    private static User Someone() => new() { Email = "someone@example.com", PasswordHash = "", Role = "candidate" };

    private static IOptions<AuthOptions> Options(int concurrency, int maxQueue) =>
        Microsoft.Extensions.Options.Options.Create(new AuthOptions { PasswordHashing = new PasswordHashingOptions { Concurrency = concurrency, MaxQueue = maxQueue } });

    /// <summary>A hasher whose calls block until opened, counting how many run at once.</summary>
    private sealed class GatedHasher : IPasswordHasher<User>
    {
        private readonly ManualResetEventSlim _gate = new();
        private int _running;
        private int _mostAtOnce;

        public int Running => Volatile.Read(ref _running);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public void Open() => _gate.Set();

        public async Task WaitForRunningAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Running < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{count} hashes never started");
                await Task.Delay(5);
            }
        }

        public string HashPassword(User user, string password) => Run(() => "hashed");

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword) =>
            Run(() => PasswordVerificationResult.Success);

        private T Run<T>(Func<T> result)
        {
            var running = Interlocked.Increment(ref _running);
            int most;
            while (running > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, running, most) != most)
            {
            }

            _gate.Wait(TimeSpan.FromSeconds(10));
            Interlocked.Decrement(ref _running);
            return result();
        }
    }
}
