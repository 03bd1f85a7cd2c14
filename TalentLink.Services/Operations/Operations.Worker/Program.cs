using TalentLink.Operations.Worker.Apis;
using TalentLink.Operations.Worker.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.MapOperationsApi();

app.Run();
