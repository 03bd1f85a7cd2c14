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

// Offers keeps CVs and cover letters in an uploads folder under the data directory, beside offers.db.
builder.AddProject<Projects.Offers_API>(ResourceNames.Offers)
    .WithRelationalDatabase(databases, ResourceNames.OffersDb)
    .WithEnvironment("Uploads__Path", Path.Combine(databases.DataDirectory, "uploads"))
    .WithReference(auth).WaitFor(auth)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
