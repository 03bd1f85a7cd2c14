using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TalentLink.Auth.Services;

/// <summary>
/// Assembles requested exports: <c>index.json</c> and <c>README.txt</c>, <c>account.json</c> (never
/// the password hash), one <c>{service}.json</c> per personal-data service (its
/// <c>GET /api/{service}/personal-data/{userId}</c>, called with a service token) and, under
/// <c>files/</c>, the CV and cover-letter files Offers lists. A service that cannot be read fails the
/// export, naming the service; the user asks again.
/// </summary>
public sealed class DataExportWorker(
    IServiceScopeFactory scopeFactory,
    IHttpClientFactory httpClientFactory,
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

    private async Task ProcessPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        var pending = await context.DataExports.Where(e => e.Status == DataExportStatuses.Pending)
            .OrderBy(e => e.RequestedAt).Take(5).ToListAsync(cancellationToken);
        foreach (var export in pending)
        {
            var user = await context.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == export.UserId, cancellationToken);
            if (user is null)
            {
                continue;
            }

            var token = scope.ServiceProvider.GetRequiredService<TokenService>().IssueServiceToken(options.Value.ServiceTokenLifetime);
            try
            {
                export.Archive = await BuildArchiveAsync(export, user, token, cancellationToken);
                export.Status = DataExportStatuses.Ready;
                export.ExpiresAt = time.GetUtcNow() + options.Value.ExportLifetime;
            }
            catch (ExportSourceException ex)
            {
                export.Status = DataExportStatuses.Failed;
                export.Error = ex.Message;
            }

            export.CompletedAt = time.GetUtcNow();
            await context.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Export {ExportId} {Status} ({Bytes} bytes)", export.Id, export.Status, export.Archive?.Length ?? 0);
        }
    }

    private async Task<byte[]> BuildArchiveAsync(DataExport export, User user, string serviceToken, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(DeletionDispatcher.HttpClientName);
        var entries = new List<string> { "README.txt", "account.json" };
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
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
                    await WriteAsync(zip, path, await GetAsync(client, serviceToken, service, $"/api/{service}/personal-data/{user.Id}/files/{fileId}", cancellationToken));
                    entries.Add(path);
                }
            }

            await WriteAsync(zip, "index.json", JsonSerializer.SerializeToUtf8Bytes(
                new { ExportId = export.Id, UserId = user.Id, CreatedAt = time.GetUtcNow(), Services = options.Value.Services, Entries = entries }, Json));
            await WriteAsync(zip, "README.txt", System.Text.Encoding.UTF8.GetBytes(
                "Your TalentLink data.\n\nindex.json lists every entry. account.json is your account (without your password).\n"
                + "Each other .json file is what one service holds about you; files/ holds your CVs and cover letters.\n"));
        }

        return buffer.ToArray();
    }

    /// <summary>Files a service lists as <c>files: [{ id, originalName }]</c> anywhere in its document (Offers' applications).</summary>
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
                                var name = file.TryGetProperty("originalName", out var n) ? n.GetString() : null;
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
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.BaseAddressOf(service), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadAsByteArrayAsync(cancellationToken)
                : throw new ExportSourceException($"The {service} service answered {(int)response.StatusCode}; please ask for a new export.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ExportSourceException($"The {service} service could not be reached; please ask for a new export.");
        }
    }

    private static async Task WriteAsync(ZipArchive zip, string name, byte[] content)
    {
        await using var entry = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync();
        await entry.WriteAsync(content);
    }

    private sealed class ExportSourceException(string message) : Exception(message);
}
