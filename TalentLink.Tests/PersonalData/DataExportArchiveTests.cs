using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TalentLink.Auth.Infrastructure;
using TalentLink.Auth.Model;
using TalentLink.Auth.Services;
using TalentLink.Data;

namespace TalentLink.Tests.PersonalData;

/// <summary>
/// Export archives as files: built from a stubbed Offers (whose answer for some users is unreadable),
/// retried with back-off, purged on a fake clock once they expire; once per provider.
/// </summary>
public abstract class DataExportArchiveTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : ExportArchiveAuthFactory
{
    [Fact]
    public async Task Five_unreadable_exports_do_not_hold_up_a_good_one_and_fail_after_five_attempts_with_a_reason()
    {
        var poisoned = new List<(HttpClient Client, string Location)>();
        for (var i = 0; i < 5; i++)
        {
            var tokens = await factory.CreateClient().NewUserAsync(Roles.Candidate);
            factory.Offers.Unreadable[tokens.User.Id] = true;
            var client = factory.CreateClient().WithToken(tokens.AccessToken);
            poisoned.Add((client, await RequestAsync(client)));
        }

        var good = factory.CreateClient().WithToken((await factory.CreateClient().NewUserAsync(Roles.Candidate)).AccessToken);
        var ready = await WaitForAsync(good, await RequestAsync(good), DataExportStatuses.Ready, TimeSpan.FromSeconds(15));
        Assert.NotNull(ready.DownloadUrl);

        foreach (var (client, location) in poisoned)
        {
            var failed = await WaitForAsync(client, location, DataExportStatuses.Failed, TimeSpan.FromSeconds(20));
            Assert.Contains("could not be prepared after 5 attempts", failed.Error);
            var download = await (await client.GetAsync($"{location}/archive")).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("Export failed", download.GetProperty("title").GetString());
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        var ids = poisoned.Select(p => Guid.Parse(p.Location.Split('/')[^1])).ToList();
        Assert.All(await context.DataExports.Where(e => ids.Contains(e.Id)).ToListAsync(), e => Assert.Equal(5, e.Attempts));
    }

    [Fact]
    public async Task An_archive_is_a_file_with_the_users_files_in_it_and_is_deleted_once_it_expires()
    {
        var client = factory.CreateClient().WithToken((await factory.CreateClient().NewUserAsync(Roles.Candidate)).AccessToken);
        var ready = await WaitForAsync(client, await RequestAsync(client), DataExportStatuses.Ready, TimeSpan.FromSeconds(15));
        var store = factory.Services.GetRequiredService<ExportArchiveStore>();
        var file = Path.Combine(store.Root, $"{ready.Id:N}.zip");
        Assert.True(File.Exists(file), "The archive is a file in the exports folder.");

        var download = await client.GetAsync(ready.DownloadUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        using (var zip = new ZipArchive(await download.Content.ReadAsStreamAsync()))
        {
            var cv = zip.Entries.Single(e => e.FullName.StartsWith("files/", StringComparison.Ordinal));
            Assert.EndsWith("-Jane_CV.pdf", cv.FullName, StringComparison.Ordinal);
            await using var content = await cv.OpenAsync();
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(StubbedOffers.Cv, copy.ToArray());
        }

        // An archive no export names (its account was deleted) goes with the expired ones.
        var orphan = Path.Combine(store.Root, $"{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(orphan, [1, 2, 3]);

        factory.Clock.Advance(TimeSpan.FromHours(2));

        await WaitUntilAsync(() => !File.Exists(file) && !File.Exists(orphan), TimeSpan.FromSeconds(10));
        Assert.Equal(DataExportStatuses.Expired, (await client.GetFromJsonAsync<DataExportResponse>($"/api/auth/exports/{ready.Id}"))!.Status);
        await (await client.GetAsync(ready.DownloadUrl)).AssertProblemAsync(HttpStatusCode.Gone);
    }

    private static async Task<string> RequestAsync(HttpClient client)
    {
        var requested = await client.PostAsync("/api/auth/exports", null);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        return requested.Headers.Location!.OriginalString;
    }

    private static async Task<DataExportResponse> WaitForAsync(HttpClient client, string location, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        DataExportResponse? export;
        do
        {
            export = await client.GetFromJsonAsync<DataExportResponse>(location);
            if (export!.Status == status)
            {
                return export;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Export {location} is still {export.Status} ({export.Error}) after {timeout.TotalSeconds} s, not {status}.");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not done within {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }
}

/// <summary>
/// Auth listing Offers (stubbed) as a personal-data service, with exports retried 50 ms apart, living
/// one hour, and the purge job on a fake clock that starts now.
/// </summary>
public class ExportArchiveAuthFactory(DatabaseProvider provider) : AuthFactory(provider, new Dictionary<string, string?>
{
    ["PersonalData:Services:0"] = "offers",
    ["PersonalData:DispatchInterval"] = "00:00:00.100",
    ["PersonalData:ExportRetryDelay"] = "00:00:00.050",
    ["PersonalData:ExportLifetime"] = "01:00:00",
})
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public StubbedOffers Offers { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(DeletionDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Offers);
            var job = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ExportArchivePurgeJob));
            services[services.IndexOf(job)] = ServiceDescriptor.Singleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<ExportArchivePurgeJob>(sp, Clock));
        });
    }
}

/// <summary>Offers' personal-data routes: one CV per user, and for users in <see cref="Unreadable"/> a document that is not JSON.</summary>
public sealed class StubbedOffers : HttpMessageHandler
{
    public static readonly byte[] Cv = Encoding.ASCII.GetBytes("%PDF-1.7 the candidate's CV");
    private static readonly Guid CvId = Guid.NewGuid();

    public ConcurrentDictionary<Guid, bool> Unreadable { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // /api/offers/personal-data/{userId}[/files/{fileId}]
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var userId = Guid.Parse(segments[3]);
        HttpContent content = segments.Length == 6 ? new ByteArrayContent(Cv)
            : Unreadable.ContainsKey(userId) ? new StringContent("{ this is not json")
            : JsonContent.Create(new { applications = new[] { new { application = new { files = new[] { new { id = CvId, fileName = "Jane CV.pdf" } } } } } });
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
    }
}

public sealed class SqliteExportArchiveAuthFactory() : ExportArchiveAuthFactory(DatabaseProvider.Sqlite);

public sealed class PostgresExportArchiveAuthFactory() : ExportArchiveAuthFactory(DatabaseProvider.Postgres);

[Trait("Category", "integration")]
public sealed class SqliteDataExportArchiveTests(SqliteExportArchiveAuthFactory factory) : DataExportArchiveTests<SqliteExportArchiveAuthFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresDataExportArchiveTests(PostgresExportArchiveAuthFactory factory) : DataExportArchiveTests<PostgresExportArchiveAuthFactory>(factory);
