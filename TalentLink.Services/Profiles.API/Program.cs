using TalentLink;
using TalentLink.Profiles.Apis;
using TalentLink.Profiles.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.MapCandidateProfilesApi();
app.MapCompaniesApi();
app.MapModerationApi();
app.MapPersonalDataApi(ResourceNames.Profiles);

app.Run();
