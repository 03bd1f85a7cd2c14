using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Data;
using TalentLink.Profiles.Infrastructure;
using TalentLink.Tests.Profiles;
using Xunit.Abstractions;

namespace TalentLink.Tests.Reliability;

/// <summary>
/// 64 candidates save their profiles at the same moment, five times each, against one Profiles
/// service: every save is acknowledged (no "database is locked", no 409 standing in for it, no 500),
/// every profile holds its last acknowledged version, and on SQLite no write waited more than
/// 500 ms for its turn in the service's fair write queue.
/// </summary>
public abstract class WriteContentionTests<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture>
    where TFixture : ProfilesFixture
{
    public const int Writers = 64;
    public const int WritesPerWriter = 5;
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Sixty_four_concurrent_writers_are_all_acknowledged_and_none_waits_more_than_half_a_second()
    {
        var candidates = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => fixture.NewUserAsync(Roles.Candidate)));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var latencies = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();

        var writers = candidates.Select(async candidate =>
        {
            await start.Task;
            for (var round = 1; round <= WritesPerWriter; round++)
            {
                var started = Stopwatch.GetTimestamp();
                var response = await candidate.Client.PutAsJsonAsync("/api/profiles/me",
                    ProfileRequests.Profile(headline: $"Round {round}", skills: ["C#", $"Skill {round}", $"Skill {candidate.Id:N}"]));
                latencies.Add(Stopwatch.GetElapsedTime(started));
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }).ToList();
        start.SetResult();
        await Task.WhenAll(writers);

        var queue = fixture.Service.Services.GetService<SqliteWriteQueue>();
        output.WriteLine($"{fixture.Provider}: {latencies.Count} writes, max request {latencies.Max().TotalMilliseconds:F0} ms, " +
            $"p99 {Percentile(latencies, 0.99).TotalMilliseconds:F0} ms; fair queue: {(queue is null ? "none" : $"{queue.Writes} writes, max wait {queue.MaxWait.TotalMilliseconds:F0} ms")}");
        Assert.True(failures.IsEmpty, $"{failures.Count} writes failed, e.g. {failures.FirstOrDefault()}");

        await using var scope = fixture.Service.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ProfilesContext>();
        var ids = candidates.Select(c => c.Id).ToList();
        var saved = await context.CandidateProfiles.AsNoTracking().Where(p => ids.Contains(p.UserId)).Select(p => p.Headline).ToListAsync();
        Assert.Equal(Writers, saved.Count);
        Assert.All(saved, headline => Assert.Equal($"Round {WritesPerWriter}", headline));

        if (fixture.Provider == DatabaseProvider.Sqlite)
        {
            Assert.NotNull(queue);
            Assert.True(queue.MaxWait < MaxWait, $"A write waited {queue.MaxWait.TotalMilliseconds:F0} ms for its turn.");
        }
        else
        {
            Assert.Null(queue); // PostgreSQL has row locks and many writers: nothing to queue.
        }
    }

    private static TimeSpan Percentile(IEnumerable<TimeSpan> values, double percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile * sorted.Count) - 1)];
    }
}

[Collection(TimingSensitiveCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteWriteContentionTests(SqliteProfilesFixture fixture, ITestOutputHelper output)
    : WriteContentionTests<SqliteProfilesFixture>(fixture, output);

[Trait("Category", "integration")]
public sealed class PostgresWriteContentionTests(PostgresProfilesFixture fixture, ITestOutputHelper output)
    : WriteContentionTests<PostgresProfilesFixture>(fixture, output);
