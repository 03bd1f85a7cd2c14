using TalentLink;
using TalentLink.Appointments.Apis;
using TalentLink.Appointments.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.MapTimeZonesApi();
app.MapAppointmentsApi();
app.MapPersonalDataApi(ResourceNames.Appointments);

app.Run();
