using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Services;

/// <summary>
/// Assembles requested exports: <c>index.json</c> and <c>README.txt</c>, <c>account.json</c> (never
/// the password hash), one <c>{service}.json</c> per personal-data service (its
/// <c>GET /api/{service}/personal-data/{userId}</c>, called with a service token) and, under
/// <c>files/</c>, the CV and cover-letter files Offers lists, streamed into a zip file in the exports
/// folder. A service that answers an HTTP error fails the export at once, naming the service; the user
/// asks again. Any other failure (the account not found, an unreadable answer, a full disk) is retried
/// after a wait that doubles from <see cref="PersonalDataOptions.ExportRetryDelay"/>, at most
/// <see cref="PersonalDataOptions.ExportMaxAttempts"/> times, then the export is marked failed with a
/// reason the user sees. An export waiting for its retry is not picked, so failing exports never hold
/// up the others.
/// </summary>
public sealed class DataExportWorker(
    IServiceScopeFactory scopeFactory,
    IHttpClientFactory httpClientFactory,
    ExportArchiveStore archives,
    IOptions<PersonalDataOptions> options,
    TimeProvider time,
    ILogger<DataExportWorker> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DispatchInterval, time);
        do
        {
            try
            {
                await ProcessPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "The export worker failed; retrying");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>How many exports one round takes, oldest due first.</summary>
    private const int BatchSize = 5;

    /// <summary>Prepares the exports that are due now; returns how many it tried.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        var now = time.GetUtcNow();
        var pending = await context.DataExports
            .Where(e => e.Status == DataExportStatuses.Pending && (e.NextAttemptAt == null || e.NextAttemptAt <= now))
            .OrderBy(e => e.RequestedAt).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var export in pending)
        {
            await ProcessAsync(context, scope.ServiceProvider.GetRequiredService<TokenService>(), export, cancellationToken);
        }

        return pending.Count;
    }

    private async Task ProcessAsync(AuthContext context, TokenService tokens, DataExport export, CancellationToken cancellationToken)
    {
        StoredArchive? archive = null;
        try
        {
            var user = await context.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == export.UserId, cancellationToken)
                ?? throw new InvalidOperationException("The account was not found.");
            var token = tokens.IssueServiceToken(options.Value.ServiceTokenLifetime);
            archive = await archives.CreateAsync(export.Id, zip => WriteArchiveAsync(zip, export, user, token, cancellationToken), cancellationToken);
            export.ArchiveName = archive.Name;
            export.ArchiveBytes = archive.Length;
            export.Status = DataExportStatuses.Ready;
            export.ExpiresAt = time.GetUtcNow() + options.Value.ExportLifetime;
            export.CompletedAt = time.GetUtcNow();
            export.Error = null;
        }
        catch (ExportSourceException ex)
        {
            export.Status = DataExportStatuses.Failed;
            export.Error = ex.Message;
            export.CompletedAt = time.GetUtcNow();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            RecordFailedAttempt(export, ex);
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The row does not name the archive: it goes, and the export is tried again next round.
            if (archive is not null)
            {
                archives.Delete(archive.Name);
            }

            context.ChangeTracker.Clear();
            throw;
        }

        logger.LogInformation("Export {ExportId} {Status} after {Attempts} failed attempts ({Bytes} bytes)",
            export.Id, export.Status, export.Attempts, export.ArchiveBytes ?? 0);
    }

    private void RecordFailedAttempt(DataExport export, Exception ex)
    {
        export.Attempts++;
        logger.LogWarning(ex, "Export {ExportId} attempt {Attempt} of {MaxAttempts} failed", export.Id, export.Attempts, options.Value.ExportMaxAttempts);
        if (export.Attempts >= options.Value.ExportMaxAttempts)
        {
            export.Status = DataExportStatuses.Failed;
            export.CompletedAt = time.GetUtcNow();
            export.Error = $"Your export could not be prepared after {export.Attempts} attempts; please ask for a new one.";
            return;
        }

        var delay = options.Value.ExportRetryDelay * Math.Pow(2, Math.Min(export.Attempts - 1, 20));
        export.NextAttemptAt = time.GetUtcNow() + (delay < options.Value.MaxRetryDelay ? delay : options.Value.MaxRetryDelay);
        export.Error = $"Attempt {export.Attempts} of {options.Value.ExportMaxAttempts} failed; it is tried again at {export.NextAttemptAt:u}.";
    }

    private async Task WriteArchiveAsync(ZipArchive zip, DataExport export, User user, string serviceToken, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(DeletionDispatcher.HttpClientName);
        var entries = new List<string> { "README.txt", "account.json" };
        await WriteAsync(zip, "account.json", JsonSerializer.SerializeToUtf8Bytes(
            new { user.Id, user.Email, user.Role, user.CreatedAt, user.LastSignInAt, user.LastActiveAt, Suspended = user.IsSuspended }, Json));

        foreach (var service in options.Value.Services.Distinct())
        {
            var document = await GetAsync(client, serviceToken, service, $"/api/{service}/personal-data/{user.Id}", cancellationToken);
            await WriteAsync(zip, $"{service}.json", document);
            entries.Add($"{service}.json");

            foreach (var (fileId, name) in ListedFiles(document))
            {
                var path = $"files/{fileId:N}-{name}";
                await CopyAsync(client, serviceToken, service, $"/api/{service}/personal-data/{user.Id}/files/{fileId}", zip, path, cancellationToken);
                entries.Add(path);
            }
        }

        await WriteAsync(zip, "index.json", JsonSerializer.SerializeToUtf8Bytes(
            new { ExportId = export.Id, UserId = user.Id, CreatedAt = time.GetUtcNow(), Services = options.Value.Services, Entries = entries }, Json));
        await WriteAsync(zip, "README.txt", System.Text.Encoding.UTF8.GetBytes(
            "Your TalentLink data.\n\nindex.json lists every entry. account.json is your account (without your password).\n"
            + "Each other .json file is what one service holds about you; files/ holds your CVs and cover letters.\n"));
    }

    /// <summary>Files a service lists as <c>files: [{ id, fileName }]</c> anywhere in its document (Offers' applications).</summary>
    private static IEnumerable<(Guid Id, string Name)> ListedFiles(byte[] document)
    {
        var found = new List<(Guid, string)>();
        Walk(JsonDocument.Parse(document).RootElement);
        return found;

        void Walk(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("files") && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var file in property.Value.EnumerateArray())
                        {
                            if (file.TryGetProperty("id", out var id) && id.TryGetGuid(out var fileId))
                            {
                                var name = file.TryGetProperty("fileName", out var n) || file.TryGetProperty("originalName", out n) ? n.GetString() : null;
                                found.Add((fileId, SafeName(name)));
                            }
                        }
                    }
                    else
                    {
                        Walk(property.Value);
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }
            }
        }
    }

    private static string SafeName(string? name)
    {
        var safe = new string((name ?? "file").Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).TrimStart('.');
        return safe.Length is 0 or > 100 ? "file" : safe;
    }

    private async Task<byte[]> GetAsync(HttpClient client, string serviceToken, string service, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(client, serviceToken, service, path, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Streams a file a service serves straight into a new entry of the archive.</summary>
    private async Task CopyAsync(HttpClient client, string serviceToken, string service, string path, ZipArchive zip, string entryName, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(client, serviceToken, service, path, cancellationToken);
        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var entry = await zip.CreateEntry(entryName, CompressionLevel.Fastest).OpenAsync(cancellationToken);
        await source.CopyToAsync(entry, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string serviceToken, string service, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.BaseAddressOf(service), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ExportSourceException($"The {service} service could not be reached; please ask for a new export.");
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new ExportSourceException($"The {service} service answered {(int)response.StatusCode}; please ask for a new export.");
        }

        return response;
    }

    private static async Task WriteAsync(ZipArchive zip, string name, byte[] content)
    {
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync();
        await entry.WriteAsync(content);
    }

    private sealed class ExportSourceException(string message) : Exception(message);
}
