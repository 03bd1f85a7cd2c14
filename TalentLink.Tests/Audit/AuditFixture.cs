using TalentLink.Audit.Model;
using TalentLink.Data;

namespace TalentLink.Tests.Audit;

/// <summary>The Audit service in process next to an in-process Auth, on one provider.</summary>
public abstract class AuditFixture(DatabaseProvider provider) : AuthenticatedServiceFixture<AuditServices>(provider, ResourceNames.AuditDb);

public sealed class SqliteAuditFixture() : AuditFixture(DatabaseProvider.Sqlite);

public sealed class PostgresAuditFixture() : AuditFixture(DatabaseProvider.Postgres);

/// <summary>Recording as the services do it (the endpoint behind the gateway's back) and reading the trail.</summary>
public static class AuditTestCalls
{
    public const string RecordPath = "/internal/audit/entries";

    /// <summary>Records with the caller's token and the services' recording key.</summary>
    public static Task<HttpResponseMessage> RecordAsync(this HttpClient client, object entry) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, RecordPath)
        {
            Content = JsonContent.Create(entry),
            Headers = { { PlatformHeaders.AuditRecordingKey, InProcessAudit.RecordingKey } },
        });

    /// <summary>Records with the caller's token alone, as a user calling Audit directly would.</summary>
    public static Task<HttpResponseMessage> RecordWithoutKeyAsync(this HttpClient client, object entry) => client.PostAsJsonAsync(RecordPath, entry);

    public static async Task<AuditEntryResponse> RecordedAsync(
        this HttpClient client, string action, string targetType, string targetId, Guid? subjectUserId = null, string? details = null, string? clientAddress = null)
    {
        var response = await client.RecordAsync(new { action, targetType, targetId, subjectUserId, details, clientAddress });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AuditEntryResponse>())!;
    }

    public static async Task<PagedResult<AuditEntryResponse>> EntriesAsync(this HttpClient admin, string query)
    {
        var response = await admin.GetAsync($"/api/audit/entries?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PagedResult<AuditEntryResponse>>())!;
    }

    /// <summary>The trail of an in-process Auth (and the services that accept its tokens), read by its admin.</summary>
    public static async Task<PagedResult<AuditEntryResponse>> AuditEntriesAsync(this AuthFactory auth, string query)
    {
        var admin = await auth.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        return await (await auth.Audit.ClientAsync(admin.AccessToken)).EntriesAsync(query);
    }

    public static async Task<PagedResult<FileDownloadResponse>> MyFileDownloadsAsync(this HttpClient user)
    {
        var response = await user.GetAsync("/api/audit/me/file-downloads");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PagedResult<FileDownloadResponse>>())!;
    }
}
