using Microsoft.Extensions.Configuration;
using TalentLink.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Database:Provider (Sqlite by default, or Postgres) decides where every relational service keeps its data.
var databases = builder.AddRelationalDatabases();

var adminEmail = builder.AddParameter("admin-email", "admin@talentlink.local");
var adminPassword = builder.AddParameter(
    "admin-password",
    new GenerateParameterDefault { MinLength = 20, Special = false, MinLower = 2, MinUpper = 2, MinNumeric = 2 },
    secret: true,
    persist: true);

var auth = builder.AddProject<Projects.Auth_API>(ResourceNames.Auth)
    .WithRelationalDatabase(databases, ResourceNames.AuthDb)
    .WithEnvironment("Auth__BootstrapAdmin__Email", adminEmail)
    .WithEnvironment("Auth__BootstrapAdmin__Password", adminPassword)
    .WithHttpHealthCheck("/health");

var profiles = builder.AddProject<Projects.Profiles_API>(ResourceNames.Profiles)
    .WithRelationalDatabase(databases, ResourceNames.ProfileDb)
    .WithReference(auth)
    .WaitFor(auth)
    .WithHttpHealthCheck("/health");

// The one public entry point: /api/{service}/…, the SignalR hub, and the API reference at /api-reference.
var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithExternalHttpEndpoints()
    .WithRoutesTo(auth, profiles)
    .WithHttpHealthCheck("/health");

// Off by default: --DemoData:Enabled=true fills a fresh install with demo companies, people and offers.
if (builder.ExecutionContext.IsRunMode && builder.Configuration.GetValue<bool>("DemoData:Enabled"))
{
    builder.AddProject<Projects.DemoData>(ResourceNames.DemoData)
        .WithReference(gateway)
        .WaitForAll(gateway, auth, profiles);
}

builder.PublishServicesAsContainers();

builder.Build().Run();
