using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TalentLink.Operations;
using TalentLink.Operations.Worker.Services;
using TalentLink.Operations.Backup;

namespace TalentLink.Tests.Operations;

[Trait("Category", "integration")]
public sealed class BackupScheduleTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("talentlink-schedule-test-");

    [Fact]
    public async Task The_daily_backup_runs_at_two_in_the_morning_by_default()
    {
        var data = Path.Combine(_root.FullName, "data");
        Directory.CreateDirectory(data);
        SteadyWriter.CreateTable(Path.Combine(data, "offers.db"), "applications", 10);
        var backups = Path.Combine(_root.FullName, "backups");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 1, 59, 30, TimeSpan.Zero));

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton<BackupService>()
            .AddSingleton<BackupRunner>()
            .AddSingleton<BackupScheduler>();
        services.AddOptions<OperationsOptions>().Configure(o => { o.DataDirectory = data; o.BackupDirectory = backups; });
        await using var provider = services.BuildServiceProvider();
        Assert.Equal("0 2 * * *", provider.GetRequiredService<IOptions<OperationsOptions>>().Value.BackupSchedule);

        var scheduler = provider.GetRequiredService<BackupScheduler>();
        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            // Let the clock run second by second past 02:00 until the archive appears.
            var archive = BackupArchive.In(backups).FirstOrDefault();
            for (var second = 0; archive is null && second < 600; second++)
            {
                time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(10);
                archive = BackupArchive.In(backups).FirstOrDefault();
            }

            Assert.NotNull(archive);
            Assert.True(archive.IsGood);
            var twoAm = new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
            Assert.InRange(archive.CreatedAt, twoAm, twoAm.AddMinutes(1)); // not before 02:00, and not a day late
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }

    public void Dispose() => _root.Delete(recursive: true);
}
