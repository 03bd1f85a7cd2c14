using Microsoft.Extensions.DependencyInjection;
using TalentLink.Data;
using TalentLink.Operations.Advice;
using TalentLink.Operations.Catalog;

namespace TalentLink.Tests.Operations;

[Trait("Category", "integration")]
public sealed class CapacityAdviceTests
{
    private const long Mb = 1024 * 1024;

    [Fact]
    public void A_small_quiet_service_stays_on_sqlite()
    {
        var advice = Advise(new ServiceCapacity(ResourceNames.AuthDb, DatabaseProvider.Sqlite, 20 * Mb, 5, 0.001, DateTimeOffset.UtcNow));

        Assert.Equal(Recommendation.StayOnSqlite, advice.Overall);
        Assert.Contains("Well within every threshold", Assert.Single(advice.Services).Reasons[0]);
    }

    [Fact]
    public void Approaching_a_threshold_means_planning_the_move_and_says_which()
    {
        var advice = Advise(new ServiceCapacity(ResourceNames.OffersDb, DatabaseProvider.Sqlite, 420 * Mb, 10, 0.01, DateTimeOffset.UtcNow));

        var offers = Assert.Single(advice.Services);
        Assert.Equal(Recommendation.PlanMoveToPostgres, offers.Recommendation);
        Assert.Contains(offers.Reasons, r => r.StartsWith("Near: database 420.0 MB vs 500.0 MB", StringComparison.Ordinal));
    }

    [Fact]
    public void A_writer_bottleneck_or_two_crossed_thresholds_means_moving_now()
    {
        var advice = Advise(
            new ServiceCapacity(ResourceNames.OffersDb, DatabaseProvider.Sqlite, 100 * Mb, 12, 0.25, DateTimeOffset.UtcNow),
            new ServiceCapacity(ResourceNames.ProfileDb, DatabaseProvider.Sqlite, 600 * Mb, 60, 0.0, DateTimeOffset.UtcNow));

        Assert.All(advice.Services, s => Assert.Equal(Recommendation.MoveToPostgresNow, s.Recommendation));
        Assert.Contains(advice.Services[0].Reasons, r => r.Contains("write-lock wait share 25.0 %", StringComparison.Ordinal));
        Assert.Contains(advice.Services[1].Reasons, r => r.StartsWith("Over: peak concurrent users 60 vs 50", StringComparison.Ordinal));
        Assert.Equal(Recommendation.MoveToPostgresNow, advice.Overall);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_running_service_records_its_load_and_advise_reads_it(DatabaseProvider provider)
    {
        using var directory = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["Database:StatsDirectory"] = directory.Path };
        await using (var auth = new AuthFactory(provider, settings))
        {
            await auth.InitializeAsync();
            foreach (var role in new[] { "candidate", "recruiter" })
            {
                var user = await auth.CreateClient().NewUserAsync(role);
                var me = await auth.CreateClient().WithToken(user.AccessToken).GetAsync("/api/auth/me");
                Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            }

            var metrics = auth.Services.GetRequiredService<DatabaseMetrics>();
            Assert.Equal(2, metrics.PeakActiveUsers); // two signed-in users made requests
            Assert.Equal(2, metrics.ActiveUsers());
            Assert.True(metrics.RequestTime > TimeSpan.Zero);
        }

        // Stopping the service persisted its figures for the advise command.
        var stats = CapacityStats.Load(CapacityStats.PathFor(directory.Path, ResourceNames.AuthDb));
        Assert.NotNull(stats);
        Assert.Equal(provider, stats.Provider);
        Assert.Equal(2, stats.PeakActiveUsers);
        Assert.True(stats.SizeBytes > 0);
        Assert.True(stats.RequestSeconds > 0);
        // Waits for the write lock happen inside requests: never more than the time the requests took.
        Assert.InRange(stats.LockWaitSeconds, 0, stats.RequestSeconds);

        var snapshot = CapacitySnapshot.Read(new DataSources(directory.Path, System.IO.Path.Combine(directory.Path, "uploads"), [], new Dictionary<string, string>(), null), []);
        var authCapacity = Assert.Single(snapshot.Services);
        Assert.Equal(ResourceNames.AuthDb, authCapacity.Database);
        Assert.Equal(stats.SizeBytes, authCapacity.SizeBytes);
        Assert.Equal(provider, authCapacity.Provider);
    }

    private static CapacityAdvice Advise(params ServiceCapacity[] services) => CapacityAdvisor.Advise(new CapacitySnapshot(services, 0));

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("talentlink-stats-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
