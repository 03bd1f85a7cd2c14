using TalentLink.Operations.Api.Apis;
using TalentLink.Operations.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.MapOperationsApi();

app.Run();
