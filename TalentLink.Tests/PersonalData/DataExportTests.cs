using System.IO.Compression;
using System.Text.Json;
using TalentLink.Auth.Model;
using TalentLink.Data;

namespace TalentLink.Tests.PersonalData;

/// <summary>Exports from Auth alone (no other service listed), with a two-second link lifetime; once per provider.</summary>
public abstract class DataExportTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : AuthFactory
{
    [Fact]
    public async Task A_user_downloads_their_export_with_their_account_and_never_a_password_hash()
    {
        var tokens = await factory.CreateClient().NewUserAsync(Roles.Candidate);
        var client = factory.CreateClient().WithToken(tokens.AccessToken);

        var ready = await ReadyAsync(client);
        var archive = await client.GetAsync(ready.DownloadUrl);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.Equal("application/zip", archive.Content.Headers.ContentType?.MediaType);

        using var zip = new ZipArchive(await archive.Content.ReadAsStreamAsync());
        Assert.Contains(zip.Entries, e => e.FullName == "index.json");
        Assert.Contains(zip.Entries, e => e.FullName == "README.txt");
        await using var account = await zip.GetEntry("account.json")!.OpenAsync();
        var json = await new StreamReader(account).ReadToEndAsync();
        Assert.Equal(tokens.User.Email, JsonDocument.Parse(json).RootElement.GetProperty("email").GetString());
        Assert.DoesNotContain("passwordHash", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", json); // the ASP.NET Core Identity hash prefix
    }

    [Fact]
    public async Task Another_users_export_is_not_found_for_them()
    {
        var owner = factory.CreateClient().WithToken((await factory.CreateClient().NewUserAsync(Roles.Candidate)).AccessToken);
        var other = factory.CreateClient().WithToken((await factory.CreateClient().NewUserAsync(Roles.Recruiter)).AccessToken);
        var admin = factory.CreateClient().WithToken((await factory.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword)).AccessToken);
        var ready = await ReadyAsync(owner);

        await (await other.GetAsync($"/api/auth/exports/{ready.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync(ready.DownloadUrl)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync(ready.DownloadUrl)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await factory.CreateClient().GetAsync(ready.DownloadUrl)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_download_link_is_gone()
    {
        var client = factory.CreateClient().WithToken((await factory.CreateClient().NewUserAsync(Roles.Candidate)).AccessToken);
        var ready = await ReadyAsync(client);

        await Task.Delay(ready.ExpiresAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        await (await client.GetAsync(ready.DownloadUrl)).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Equal(DataExportStatuses.Expired, (await client.GetFromJsonAsync<DataExportResponse>($"/api/auth/exports/{ready.Id}"))!.Status);
    }

    private static async Task<DataExportResponse> ReadyAsync(HttpClient client)
    {
        var requested = await client.PostAsync("/api/auth/exports", null);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var location = requested.Headers.Location!.OriginalString;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var export = await client.GetFromJsonAsync<DataExportResponse>(location);
            if (export!.Status == DataExportStatuses.Ready)
            {
                return export;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The export was not ready within 10 s.");
    }
}

public class ShortLivedExportsAuthFactory(DatabaseProvider provider) : AuthFactory(provider, new Dictionary<string, string?>
{
    ["PersonalData:ExportLifetime"] = "00:00:02",
    ["PersonalData:DispatchInterval"] = "00:00:00.100",
});

public sealed class SqliteShortLivedExportsAuthFactory() : ShortLivedExportsAuthFactory(DatabaseProvider.Sqlite);

public sealed class PostgresShortLivedExportsAuthFactory() : ShortLivedExportsAuthFactory(DatabaseProvider.Postgres);

[Trait("Category", "integration")]
public sealed class SqliteDataExportTests(SqliteShortLivedExportsAuthFactory factory) : DataExportTests<SqliteShortLivedExportsAuthFactory>(factory);

[Trait("Category", "integration")]
public sealed class PostgresDataExportTests(PostgresShortLivedExportsAuthFactory factory) : DataExportTests<PostgresShortLivedExportsAuthFactory>(factory);
