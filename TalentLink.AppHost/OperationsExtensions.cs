using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace TalentLink.AppHost;

/// <summary>The operations worker and its dashboard buttons ("Back up now", "Capacity advice").</summary>
public static class OperationsExtensions
{
    public static IResourceBuilder<ProjectResource> AddOperations(
        this IDistributedApplicationBuilder builder, RelationalDatabases databases, IResourceBuilder<ProjectResource> auth)
    {
        // The buttons call the worker's admin-only API with a key only the AppHost and the worker know.
        var commandKey = builder.AddParameter(ResourceNames.OperationsKey,
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

        async Task WithCommandKey(HttpCommandRequestContext context) =>
            context.Request.Headers.Add(PlatformHeaders.OperationsKey, await commandKey.Resource.GetValueAsync(context.CancellationToken));

        return builder.AddProject<Projects.Operations_Worker>(ResourceNames.Operations)
            .WithAllRelationalDatabases(databases)
            .WithReference(auth)
            .WaitFor(auth)
            .WithEnvironment("Operations__CommandKey", commandKey)
            .WithHttpHealthCheck("/health")
            .WithHttpCommand("/api/operations/backups", "Back up now", commandName: "backup-now", commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Post,
                Description = "Write a verified backup archive of every database, the messaging data and the uploads.",
                IconName = "ArrowDownload",
                PrepareRequest = WithCommandKey,
                GetCommandResult = context => ReportAsync(context, "Backup written and verified"),
            })
            .WithHttpCommand("/api/operations/replication", "Continuous backup status", commandName: "replication-status", commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Get,
                Description = "Per database and the uploads: last shipped commit, lag, restorable window, replica size, timelines and gaps.",
                IconName = "ArrowSync",
                PrepareRequest = WithCommandKey,
                GetCommandResult = context => ReportAsync(context, "Continuous backup"),
            })
            .WithHttpCommand("/api/operations/advice", "Capacity advice", commandName: "capacity-advice", commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Get,
                Description = "Per service: size, data volume, peak users and lock waits, and whether to move to PostgreSQL.",
                IconName = "DataTrending",
                PrepareRequest = WithCommandKey,
                GetCommandResult = context => ReportAsync(context, "Capacity advice"),
            });
    }

    /// <summary>Shows the worker's plain-text report (or its problem detail) in the dashboard.</summary>
    private static async Task<ExecuteCommandResult> ReportAsync(HttpCommandResultContext context, string successMessage)
    {
        var body = await context.Response.Content.ReadFromJsonAsync<JsonElement>(context.CancellationToken);
        if (!context.Response.IsSuccessStatusCode)
        {
            var detail = body.TryGetProperty("detail", out var d) ? d.GetString() : body.TryGetProperty("title", out var t) ? t.GetString() : null;
            return CommandResults.Failure(detail ?? $"The operations service answered {(int)context.Response.StatusCode}.");
        }

        var report = body.TryGetProperty("report", out var r) ? r.GetString() ?? "" : body.GetRawText();
        return CommandResults.Success(successMessage, report, CommandResultFormat.Text);
    }
}
