using TalentLink;
using TalentLink.DemoData;

var builder = Host.CreateApplicationBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddHttpClient<DemoSeeder>(client => client.BaseAddress = new Uri(builder.Configuration["DemoData:Gateway"] ?? ServiceAddresses.Of(ResourceNames.Gateway)));
builder.Services.AddHostedService<DemoSeederWorker>();

builder.Build().Run();
