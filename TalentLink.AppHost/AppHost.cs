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

// Conversations: MongoDB (container or ConnectionStrings:mongodb), else the embedded store; see MessagingStore.
// Merge step: once Offers is in this model, add .WithOffersForApplicantChecks(offers) so recruiters can open conversations.
builder.AddProject<Projects.Messaging_API>(ResourceNames.Messaging)
    .WithMessageStore(databases)
    .WithReference(auth).WaitFor(auth)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
