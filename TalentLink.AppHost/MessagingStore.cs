using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentLink.Data;

namespace TalentLink.AppHost;

/// <summary>
/// Where Messaging keeps conversations, decided once from the AppHost's configuration
/// (<c>Messaging:Store</c>: <c>Auto</c> by default, <c>Mongo</c> or <c>Embedded</c>):
/// <list type="bullet">
/// <item>an existing MongoDB when <c>ConnectionStrings:mongodb</c> is set;</item>
/// <item>otherwise a MongoDB container with a data volume when a container runtime answers;</item>
/// <item>otherwise (<c>Auto</c>) the embedded store: <c>messaging.db</c> beside the other SQLite files,
/// or a PostgreSQL database after the provider flip.</item>
/// </list>
/// No container enters the model on a machine without a container runtime, unless <c>Mongo</c> is asked for.
/// </summary>
public static class MessagingStore
{
    public const string Mongo = "Mongo";
    public const string Embedded = "Embedded";

    public static IResourceBuilder<ProjectResource> WithMessageStore(
        this IResourceBuilder<ProjectResource> messaging, RelationalDatabases databases)
    {
        var builder = messaging.ApplicationBuilder;
        var setting = builder.Configuration["Messaging:Store"] ?? "Auto";
        var existingServer = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.MongoDb));

        string store, reason;
        if (setting.Equals(Embedded, StringComparison.OrdinalIgnoreCase))
        {
            (store, reason) = (Embedded, "Messaging:Store is Embedded");
        }
        else if (setting.Equals(Mongo, StringComparison.OrdinalIgnoreCase) || existingServer)
        {
            (store, reason) = (Mongo, existingServer ? "ConnectionStrings:mongodb names a server" : "Messaging:Store is Mongo");
        }
        else if (setting.Equals("Auto", StringComparison.OrdinalIgnoreCase) && !builder.ExecutionContext.IsRunMode)
        {
            // A published app runs where containers do; only a local run falls back to the embedded store.
            (store, reason) = (Mongo, "a published app gets a MongoDB container");
        }
        else if (setting.Equals("Auto", StringComparison.OrdinalIgnoreCase))
        {
            var runtime = ContainerRuntime.Detect(builder.Configuration);
            (store, reason) = runtime.Available
                ? (Mongo, $"the container runtime '{runtime.Name}' is available")
                : (Embedded, $"no MongoDB is configured and no container runtime answers ({runtime.Detail})");
        }
        else
        {
            throw new InvalidOperationException($"Messaging:Store is '{setting}'; use Auto, Mongo or Embedded.");
        }

        if (store == Mongo)
        {
            IResourceBuilder<IResourceWithConnectionString> mongo = existingServer
                ? builder.AddConnectionString(ResourceNames.MongoDb)
                : builder.AddMongoDB(ResourceNames.MongoDb, ResourceNames.MessagingMongoDatabase).WithDataVolume();
            messaging.WithReference(mongo).WaitFor(mongo);

            // The change stream ships to the same replica as the databases (on a replica set; a standalone server has the daily dump only).
            databases.ContinuousBackup.ApplyTo(messaging);
        }
        else
        {
            messaging.WithRelationalDatabase(databases, ResourceNames.MessagingDb);
        }

        // The service reads the same setting; the dashboard shows it in the resource's environment and console.
        messaging.WithEnvironment("Messaging__Store", store);
        var description = store == Mongo
            ? $"Messaging store: MongoDB ({(existingServer ? "existing server" : "container with a data volume")}), because {reason}"
            : $"Messaging store: embedded ({databases.Provider}: {(databases.IsSqlite ? SqliteFiles.FileNameFor(ResourceNames.MessagingDb) : ResourceNames.MessagingDb)}), because {reason}";
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TalentLink.AppHost").LogInformation("{Choice}", description);
            @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(messaging.Resource).LogInformation("{Choice}", description);
            return Task.CompletedTask;
        });
        return messaging;
    }
}

/// <summary>Whether a container runtime answers, asked the way DCP would (<c>docker info</c> / <c>podman info</c>), with a short timeout.</summary>
internal static class ContainerRuntime
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static (bool Available, string Name, string Detail) Detect(IConfiguration configuration)
    {
        var name = configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(name, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return (false, name, $"'{name} info' did not answer within {ProbeTimeout.TotalSeconds:0} s");
            }

            return process.ExitCode == 0 ? (true, name, "") : (false, name, $"'{name} info' exited with {process.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (false, name, $"'{name}' is not installed");
        }
    }
}

public static class MessagingOffersExtensions
{
    /// <summary>
    /// Lets Messaging ask Offers whether a candidate applied to the recruiter's offers (the
    /// recruiter→candidate rule). Without it, a recruiter opening a conversation gets a 503 saying
    /// Offers is unavailable; admins are unaffected.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOffersForApplicantChecks(
        this IResourceBuilder<ProjectResource> messaging, IResourceBuilder<ProjectResource> offers) =>
        messaging.WithReference(offers);
}
